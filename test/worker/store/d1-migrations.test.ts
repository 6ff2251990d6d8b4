// The D1 database the worker binds is migrated before any test runs, with wrangler's migration
// bookkeeping, so a test sees the same schema `npm start` and `npm run deploy` apply.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('D1 migrations', () => {
  it('are applied to WEIR_DB and recorded by name', async () => {
    const { results } = await env.WEIR_DB.prepare('SELECT name FROM d1_migrations ORDER BY id').all<{ name: string }>();
    expect(results.map((r) => r.name)).toEqual(env.TEST_MIGRATIONS.map((m) => m.name));
    expect(results[0]?.name).toBe('0001_init.sql');
  });

  it('leaves R2 usable for large payloads', async () => {
    await env.WEIR_BLOBS.put('probe', 'hello');
    expect(await (await env.WEIR_BLOBS.get('probe'))?.text()).toBe('hello');
  });
});
