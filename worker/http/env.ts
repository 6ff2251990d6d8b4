// The worker's bindings: wrangler.toml's (see worker-configuration.d.ts) plus the secrets, which
// `wrangler types` cannot see.
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
  /** Fine-tuning trainers as JSON (worker/finetune/trainer-config.ts). */
  TRAINERS?: string;
  /** Follows fine-tuning jobs (worker/finetune/follow-job.ts). */
  FINETUNE_WORKFLOW?: Workflow<{ jobId: string }>;
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
