// Seeding datasets and evals into a local D1 (what `npm start` does): created on a fresh store,
// unchanged when seeded again, and left alone once edited through the stores (the API's path).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../scripts/lib/migrate';
import { seedStores } from '../../scripts/lib/seed';
import { evalDefinitionStore } from '../../worker/eval-runs/definitions';
import { datasetStore } from '../../worker/store/datasets';

const root = resolve(import.meta.dirname, '../..');
const persistTo = mkdtempSync(join(tmpdir(), 'weir-seed-evals-'));
let dispose = async () => {};
afterAll(async () => {
  await dispose();
  rmSync(persistTo, { recursive: true, force: true });
});

describe('seeding datasets and evals', () => {
  it('creates them once, leaves them unchanged after, and keeps edits made through the API', async () => {
    const migrated = await applyMigrations({ root, persistTo });
    expect(migrated.code, migrated.output).toBe(0);

    const { getPlatformProxy } = await import('wrangler');
    const proxy = await getPlatformProxy<{ WEIR_KV: KVNamespace; WEIR_DB: D1Database }>({
      configPath: join(root, 'wrangler.toml'),
      persist: { path: join(persistTo, 'v3') },
      remoteBindings: false,
      envFiles: [],
    });
    dispose = () => proxy.dispose();
    const deps = { kv: proxy.env.WEIR_KV, db: proxy.env.WEIR_DB };
    const first = await seedStores(deps, root);
    expect(first.evals!.errors).toEqual([]);
    expect(first.evals!.datasets).toEqual(
      expect.arrayContaining([
        { name: 'support-x1000', action: 'created' },
        { name: 'email-announcement', action: 'created' },
      ]),
    );
    expect(first.evals!.evals).toEqual(
      expect.arrayContaining([
        { name: 'support-x1000', action: 'created' },
        { name: 'email-announcement', action: 'created' },
      ]),
    );

    const second = await seedStores(deps, root);
    expect(second.evals!.datasets.every((d) => d.action === 'unchanged')).toBe(true);
    expect(second.evals!.evals.every((e) => e.action === 'unchanged')).toBe(true);

    {
      const evals = evalDefinitionStore(deps.db);
      const stored = (await evals.get('support-x1000'))!;
      await evals.put('support-x1000', { ...stored.definition, repeats: 3 });
      await datasetStore(deps).put('email-announcement', '{"id":"mine","input":{"topic":"edited"}}\n');
    }
    const third = await seedStores(deps, root);
    expect(third.evals!.evals).toContainEqual({ name: 'support-x1000', action: 'kept-local-edits' });
    expect(third.evals!.evals).toContainEqual({ name: 'email-announcement', action: 'unchanged' });
    expect(third.evals!.datasets).toContainEqual({ name: 'email-announcement', action: 'kept-local-edits' });
    expect((await evalDefinitionStore(deps.db).get('support-x1000'))!.definition.repeats).toBe(3);
    expect((await datasetStore(deps).get('email-announcement')).list.map((i) => i.id)).toEqual(['mine']);
  });
});
