// The worker's bindings: wrangler.toml's (see worker-configuration.d.ts) plus the secrets, which
// `wrangler types` cannot see.
export interface Bindings {
  WEIR_KV: KVNamespace;
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
  [secret: string]: unknown;
}

export type AppEnv = { Bindings: Bindings };
