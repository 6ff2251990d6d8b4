// Two projects: "workers" runs inside workerd (engine, providers, routes, KV) through the
// Cloudflare vitest integration; "node" runs what needs a real OS (CLI child processes, the
// end-to-end suite against `wrangler dev`). Browser specs (test/browser) are not vitest files.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { hermeticBindings } from './test/helpers/hermetic-bindings';

const migrations = await readD1Migrations('./migrations');

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              // Never the developer's .dev.vars: see test/helpers/hermetic-bindings.ts.
              bindings: hermeticBindings(import.meta.dirname, {
                ADMIN_TOKEN: 'test-admin-token',
                INVOKE_KEYS: 'test-invoke-key',
                PROVIDERS: '',
                // The suite sends bursts from one address; rate-limit tests turn limits back on per request.
                RATE_LIMITS: 'off',
                TEST_MIGRATIONS: migrations,
              }),
            },
          }),
        ],
        test: {
          name: 'workers',
          include: ['test/engine/**/*.test.ts', 'test/worker/**/*.test.ts', 'test/datasets/**/*.test.ts', 'test/evals/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          setupFiles: ['test/helpers/apply-migrations.ts', 'test/helpers/settle-background.ts'],
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/cli/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/node/**/*.test.ts', 'test/editor/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
