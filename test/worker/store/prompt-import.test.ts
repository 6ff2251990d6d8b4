import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { StoreError, promptStore } from '../../../worker/store';
import { TtlCache } from '../../../worker/store/ttl-cache';

const deps = (kv: KVNamespace) => ({ kv, db: env.WEIR_DB });

const store = () => promptStore(deps(env.WEIR_KV), { cache: new TtlCache() });
const file = (name: string, texts: string[], labels: Record<string, number> = {}) => ({
  name,
  description: 'from the repo',
  versions: texts.map((text, i) => ({ version: i + 1, template: { text }, createdAt: `2026-01-0${i + 1}T00:00:00.000Z` })),
  labels,
});

describe('importing a prompt file', () => {
  it('writes every version with its number and date, and the labels, into an empty namespace', async () => {
    const result = await store().importFile(file('imp-a', ['one', 'two'], { production: 1 }));
    expect(result).toEqual({ name: 'imp-a', added: [1, 2], labels: ['production'], kept: [] });
    const detail = await store().get('imp-a');
    expect(detail.versions.map((v) => v.createdAt)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z']);
    expect((await store().resolve('imp-a@production')).template).toEqual({ text: 'one' });
  });

  it('is idempotent: importing the same file again writes nothing', async () => {
    await store().importFile(file('imp-b', ['one'], { production: 1 }));
    expect(await store().importFile(file('imp-b', ['one'], { production: 1 }))).toEqual({
      name: 'imp-b',
      added: [],
      labels: [],
      kept: [1],
    });
  });

  it('never clobbers newer versions or labels moved in KV', async () => {
    await store().importFile(file('imp-c', ['one'], { production: 1 }));
    await store().addVersion('imp-c', { template: { text: 'edited in the editor' } });
    await store().moveLabel('imp-c', 'production', 2);
    const result = await store().importFile(file('imp-c', ['one', 'file two'], { production: 1, staging: 2 }));
    expect(result).toEqual({ name: 'imp-c', added: [], labels: ['staging'], kept: [1, 2] });
    expect((await store().resolve('imp-c@production')).template).toEqual({ text: 'edited in the editor' });
  });

  it('appends versions the file gained since the last import', async () => {
    await store().importFile(file('imp-d', ['one']));
    expect((await store().importFile(file('imp-d', ['one', 'two']))).added).toEqual([2]);
  });

  it('rejects files with gaps in version numbers or bad templates', async () => {
    const gap = { ...file('imp-e', ['one']), versions: [{ version: 2, template: { text: 'x' }, createdAt: '2026-01-01' }] };
    await expect(store().importFile(gap)).rejects.toBeInstanceOf(StoreError);
    await expect(store().importFile(file('imp-e', ['{{#x}}']))).rejects.toBeInstanceOf(StoreError);
    await expect(store().get('imp-e')).rejects.toThrow(/no prompt/);
  });
});
