// The worker's bindings: wrangler.toml's (see worker-configuration.d.ts) plus the secrets, which
// `wrangler types` cannot see.
import type { RateLimiter } from './rate-limit';
export interface Bindings {
  WEIR_KV: KVNamespace;
  /** Source of truth for run history and everything that needs strong consistency. */
  WEIR_DB: D1Database;
  /** Large run payloads, pointed to from D1 rows. */
  WEIR_BLOBS: R2Bucket;
  ASSETS?: Fetcher;
  /** Management token; without it, management endpoints are refused. */
  ADMIN_TOKEN?: string;
  /** Comma-separated keys that may run non-public flows. */
  INVOKE_KEYS?: string;
  PROVIDERS?: string;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  RUN_DEADLINE_MS?: string;
  NODE_TIMEOUT_MS?: string;
  /** all | errors | a sample rate (0.1 or 10%) | off. */
  RUN_LOG?: string;
  /** Input fields to drop or mask before a run is stored: `email:mask, ssn`. */
  RUN_LOG_REDACT?: string;
  /** Days runs are kept (30 by default); the cron cleanup deletes older ones. */
  RUN_LOG_RETENTION_DAYS?: string;
  /** Cap on nodes in a flow (default 1000); validation refuses larger flows, so every valid flow can run. */
  MAX_NODES?: string;
  /** Rate limits (`[[ratelimits]]` in wrangler.toml); a missing binding means no such limit. */
  RATE_LIMIT_INVOKE_KEY?: RateLimiter;
  RATE_LIMIT_CLIENT_IP?: RateLimiter;
  RATE_LIMIT_PUBLIC_FLOW?: RateLimiter;
  /** The bindings' period, answered as Retry-After (default 60). */
  RATE_LIMIT_PERIOD_SECONDS?: string;
  /** "off" disables rate limits (local benchmarks); anything else, or unset, keeps them on. */
  RATE_LIMITS?: string;
  /** Fine-tuning trainers as JSON (worker/finetune/trainer-config.ts). */
  TRAINERS?: string;
  /** Follows fine-tuning jobs (worker/finetune/follow-job.ts). */
  FINETUNE_WORKFLOW?: Workflow<{ jobId: string }>;
  /** Runs eval runs (worker/eval-runs/workflow.ts). */
  EVAL_WORKFLOW?: Workflow<{ runId: string }>;
  /** Model calls an eval run makes at once per provider: `8`, or `default=8,openai=4` (default 8). */
  EVAL_PROVIDER_CONCURRENCY?: string;
  [secret: string]: unknown;
}

import type { Stores } from './stores';
import type { Who } from './auth';

export type AppEnv = {
  Bindings: Bindings;
  Variables: {
    /** Built once per request by storesMiddleware. */
    stores: Stores;
    /** Who is calling, worked out once per request (see auth.ts). */
    who?: Who;
  };
};
