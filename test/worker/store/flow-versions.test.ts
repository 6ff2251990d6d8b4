import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatFlow } from '../../../worker/engine';
import { flowStore, flowVersionStore, parseFlowRef, resolveFlow, type FlowRef, type ResolvedFlow } from '../../../worker/store';
import { TtlCache } from '../../../worker/store/ttl-cache';
import { countingKv } from '../counting-kv';
import { simpleFlow } from '../routes/helpers';

const deps = (kv: KVNamespace) => ({ kv, db: env.WEIR_DB });

let clock = 1_000_000;
let cache: TtlCache<ResolvedFlow | null>;
beforeEach(() => {
  cache = new TtlCache<ResolvedFlow | null>(1000, () => clock);
});
let n = 0;
const uniqueId = () => `store-flow-${++n}-${Math.random().toString(36).slice(2, 8)}`;

async function putDraft(kv: KVNamespace, id: string, text: string) {
  await flowStore(deps(kv), { cache }).put(id, formatFlow(simpleFlow(id, {}, { prompt: { text: `${text} {{input.question}}` } })), {
    name: id,
    description: '',
    public: false,
    problems: 0,
  });
}
const ref = (text: string): FlowRef => parseFlowRef(text)!;
const resolve = (kv: KVNamespace, id: string, text: string) => resolveFlow(kv, id, ref(text), cache);
const sha256 = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');

describe('flowVersionStore', () => {
  it('hashes the canonical text of the published flow', async () => {
    const id = uniqueId();
    await putDraft(env.WEIR_KV, id, 'one');
    const published = await flowVersionStore(deps(env.WEIR_KV), { cache }).publish(id);
    const record = await flowVersionStore(deps(env.WEIR_KV), { cache }).get(id, 1);
    expect(published.hash).toBe(await sha256(formatFlow(record.flow)));
    expect(published.created).toBe(true);
  });

  it('writes nothing when the draft equals the latest version', async () => {
    const counting = countingKv(env.WEIR_KV);
    const id = uniqueId();
    await putDraft(counting.kv, id, 'same');
    await flowVersionStore(deps(counting.kv), { cache }).publish(id);
    counting.reset();
    const again = await flowVersionStore(deps(counting.kv), { cache }).publish(id);
    expect(again).toMatchObject({ version: 1, created: false });
    expect(counting.writes()).toBe(0);
  });

  it('resolves a pinned version or a label with one KV read, and none when warm', async () => {
    const counting = countingKv(env.WEIR_KV);
    const id = uniqueId();
    const store = flowVersionStore(deps(counting.kv), { cache });
    await putDraft(counting.kv, id, 'one');
    await store.publish(id);
    await store.moveLabel(id, 'staging', 1);
    cache.clear();
    for (const text of ['1', 'staging', 'default']) {
      counting.reset();
      expect((await resolve(counting.kv, id, text))?.version).toBe(1);
      expect(counting.reads(), `cold ${text}`).toBe(1);
      counting.reset();
      await resolve(counting.kv, id, text);
      expect(counting.reads(), `warm ${text}`).toBe(0);
    }
  });

  it('reads an unpublished draft once, then serves it from the isolate until a save replaces it', async () => {
    const counting = countingKv(env.WEIR_KV);
    const id = uniqueId();
    await putDraft(counting.kv, id, 'first');
    for (const text of ['draft', 'default']) {
      cache.clear();
      counting.reset();
      const cold = await resolve(counting.kv, id, text);
      expect(cold?.version).toBe('draft');
      expect(counting.reads(), `cold ${text}`).toBe(text === 'draft' ? 1 : 2); // the default also checks for a release
      counting.reset();
      expect(await resolve(counting.kv, id, text)).toBe(cold);
      expect(counting.reads(), `warm ${text}`).toBe(0);
    }
    const before = (await resolve(counting.kv, id, 'draft'))!.hash;
    await putDraft(counting.kv, id, 'second');
    const after = await resolve(counting.kv, id, 'default');
    expect(after?.hash).not.toBe(before);
    expect(JSON.stringify(after?.parsed.flow)).toContain('second');
  });

  it('hands out one parsed flow object per version, so the engine validates it once', async () => {
    const id = uniqueId();
    const store = flowVersionStore(deps(env.WEIR_KV), { cache });
    await putDraft(env.WEIR_KV, id, 'one');
    await store.publish(id);
    await store.moveLabel(id, 'production', 1);
    cache.clear();
    const [pinned, labelled, byDefault, draft] = await Promise.all(
      ['1', 'production', 'default', 'draft'].map((t) => resolve(env.WEIR_KV, id, t)),
    );
    expect(pinned!.parsed.flow).toBeDefined();
    expect(labelled!.parsed.flow).toBe(pinned!.parsed.flow);
    expect(byDefault!.parsed.flow).toBe(pinned!.parsed.flow);
    // The draft is canonical text identical to version 1: same hash, same object.
    expect(draft!.hash).toBe(pinned!.hash);
    expect(draft!.parsed.flow).toBe(pinned!.parsed.flow);
  });

  it('keeps the default on production when one is set, else on the latest version', async () => {
    const id = uniqueId();
    const store = flowVersionStore(deps(env.WEIR_KV), { cache });
    await putDraft(env.WEIR_KV, id, 'one');
    await store.publish(id);
    await putDraft(env.WEIR_KV, id, 'two');
    await store.publish(id);
    expect(await resolve(env.WEIR_KV, id, 'default')).toMatchObject({ version: 2, label: 'latest' });
    await store.moveLabel(id, 'production', 1);
    expect(await resolve(env.WEIR_KV, id, 'default')).toMatchObject({ version: 1, label: 'production' });
    await putDraft(env.WEIR_KV, id, 'three');
    await store.publish(id);
    expect((await resolve(env.WEIR_KV, id, 'default'))?.version).toBe(1);
    await store.deleteLabel(id, 'production');
    expect((await resolve(env.WEIR_KV, id, 'default'))?.version).toBe(3);
  });

  it('sees a label moved by another isolate once the short label cache expires', async () => {
    const id = uniqueId();
    const elsewhere = flowVersionStore(deps(env.WEIR_KV), { cache: new TtlCache() });
    await putDraft(env.WEIR_KV, id, 'one');
    await elsewhere.publish(id);
    await putDraft(env.WEIR_KV, id, 'two');
    await elsewhere.publish(id);
    await elsewhere.moveLabel(id, 'production', 1);
    expect((await resolve(env.WEIR_KV, id, 'production'))?.version).toBe(1);
    await elsewhere.moveLabel(id, 'production', 2);
    expect((await resolve(env.WEIR_KV, id, 'production'))?.version).toBe(1);
    clock += 10_000;
    expect((await resolve(env.WEIR_KV, id, 'production'))?.version).toBe(2);
  });

  it('falls back to the draft for the default only, and lists published flows with their releases', async () => {
    const id = uniqueId();
    await putDraft(env.WEIR_KV, id, 'draft-only');
    expect((await resolve(env.WEIR_KV, id, 'default'))?.version).toBe('draft');
    expect(await resolve(env.WEIR_KV, id, 'production')).toBeUndefined();
    expect(await resolve(env.WEIR_KV, id, '1')).toBeUndefined();
    const store = flowVersionStore(deps(env.WEIR_KV), { cache });
    await store.publish(id);
    const listing = (await flowStore(deps(env.WEIR_KV)).list()).find((f) => f.id === id);
    expect(listing).toMatchObject({ latest: 1, public: false, labels: {} });
  });

  it('deletes every version, label and ref of a flow', async () => {
    const id = uniqueId();
    const store = flowVersionStore(deps(env.WEIR_KV), { cache });
    await putDraft(env.WEIR_KV, id, 'one');
    await store.publish(id);
    await store.moveLabel(id, 'staging', 1);
    expect(await flowStore(deps(env.WEIR_KV)).delete(id)).toBe(true);
    const left = await env.WEIR_KV.list({ prefix: `flow-` });
    expect(left.keys.map((k) => k.name).filter((k) => k.includes(id))).toEqual([]);
    expect(await resolve(env.WEIR_KV, id, 'default')).toBeUndefined();
  });
});
