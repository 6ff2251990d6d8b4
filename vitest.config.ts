// Two projects: "workers" runs inside workerd (engine, providers, routes, KV) through the
// Cloudflare vitest integration; "node" runs what needs a real OS (CLI child processes, the
// end-to-end suite against `wrangler dev`). Browser specs (test/browser) are not vitest files.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { hermeticBindings } from './test/helpers/hermetic-bindings';

const migrations = await readD1Migrations('./migrations');

// The fake provider's port, chosen here (free, once per process) so workers bindings can name it:
// TRAINERS must point at the fake before the follow-job Workflow reads its env.
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
process.env.WEIR_FAKE_OPENAI_PORT ??= String(await freePort());
const fakeUrl = `http://127.0.0.1:${process.env.WEIR_FAKE_OPENAI_PORT}/v1`;
const trainers = {
  'fake-openai': { type: 'openai', baseURL: fakeUrl, apiKeyVar: 'FAKE_TRAINER_KEY', pollSeconds: 1 },
  'fake-together': { type: 'together', baseURL: fakeUrl, apiKeyVar: 'FAKE_TRAINER_KEY', pollSeconds: 1, provider: 'together' },
  'fake-fireworks': { type: 'fireworks', baseURL: fakeUrl, apiKeyVar: 'FAKE_TRAINER_KEY', accountId: 'weir-test', pollSeconds: 1 },
};

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is one file at a time; the end-to-end files mostly wait on
    // servers and the workers files on workerd, so two at a time keep both cores busy.
    maxWorkers: 2,
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
                TRAINERS: JSON.stringify(trainers),
                FAKE_TRAINER_KEY: 'sk-fake-trainer-key',
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
