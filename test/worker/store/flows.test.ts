import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { flowStore } from '../../../worker/store';

const deps = (kv: KVNamespace) => ({ kv, db: env.WEIR_DB });

describe('flowStore', () => {
  it('stores text with list metadata and lists without reading each flow', async () => {
    const flows = flowStore(deps(env.WEIR_KV));
    await flows.put(
      'a-flow',
      '{"id":"a-flow"}',
      { name: 'A', description: 'first', public: true, problems: 0 },
      new Date('2026-01-01T00:00:00Z'),
    );
    await flows.put('b-flow', '{"id":"b-flow"}', { name: 'B', description: '', public: false, problems: 2 });
    const listed = await flows.list();
    expect(listed.find((f) => f.id === 'a-flow')).toEqual({
      id: 'a-flow',
      name: 'A',
      description: 'first',
      public: true,
      problems: 0,
      updatedAt: '2026-01-01T00:00:00.000Z',
      latest: 0,
      labels: {},
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(listed.find((f) => f.id === 'b-flow')?.problems).toBe(2);
    expect((await flows.get('a-flow'))?.text).toBe('{"id":"a-flow"}');
  });

  it('keeps metadata under the KV limit for long names and descriptions', async () => {
    const flows = flowStore(deps(env.WEIR_KV));
    const meta = await flows.put('long', '{}', { name: 'é'.repeat(130), description: '日本'.repeat(80), public: false, problems: 0 });
    expect(new TextEncoder().encode(JSON.stringify(meta)).length).toBeLessThan(1024);
    expect((await flows.get('long'))?.metadata.name).toHaveLength(120);
  });

  it('deletes a flow and reports whether there was one', async () => {
    const flows = flowStore(deps(env.WEIR_KV));
    await flows.put('gone', '{}', { name: 'G', description: '', public: false, problems: 0 });
    expect(await flows.delete('gone')).toBe(true);
    expect(await flows.get('gone')).toBeUndefined();
    expect(await flows.delete('gone')).toBe(false);
  });
});
