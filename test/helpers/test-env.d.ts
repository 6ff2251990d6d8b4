// Bindings only the workers test project has (vitest.config.ts), beside wrangler's generated Env.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    /** Keys of the developer's .dev.vars / .env that the tests override (vitest.config.ts). */
    TEST_NEUTRALISED_KEYS: string[];
  }
}
