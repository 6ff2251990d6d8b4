// KV has no compare-and-swap, so two writers' KV puts can land in the wrong order. These tests hold
// one writer's put back until a later writer has finished, and check KV still ends on D1's state.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { flowStore, flowVersionStore, promptStore } from '../../../worker/store';
import { FLOW_KIND } from '../../../worker/store/flow-projection';
import { flowKey, flowRefKey, promptRefKey } from '../../../worker/store/keys';
import { PROMPT_KIND } from '../../../worker/store/prompt-projection';
import { TtlCache } from '../../../worker/store/ttl-cache';
import { memoryVersionedStore } from '../../../worker/store/versioned';

/** A KV binding whose first put or delete of `key` waits until release() is called. */
function gatedKv(key: string) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let reached!: () => void;
  const held = new Promise<void>((r) => (reached = r));
  let armed = true;
  const kv = new Proxy(env.WEIR_KV, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if ((prop === 'put' || prop === 'delete') && args[0] === key && armed) {
          armed = false;
          reached();
          await gate;
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { kv, release, held };
}

let n = 0;
const unique = (p: string) => `${p}-${++n}-${Math.random().toString(36).slice(2, 8)}`;

describe('the KV projection', () => {
  it('ends on the last committed label even when an earlier writer puts to KV last', async () => {
    const versioned = memoryVersionedStore(PROMPT_KIND);
    const name = unique('proj');
    const fast = promptStore({ kv: env.WEIR_KV, versioned }, { cache: new TtlCache() });
    await fast.addVersion(name, { template: { text: 'one' } });
    await fast.addVersion(name, { template: { text: 'two' } });
    const slow = gatedKv(promptRefKey(name, 'prod'));
    const slowStore = promptStore({ kv: slow.kv, versioned }, { cache: new TtlCache() });
    const first = slowStore.moveLabel(name, 'prod', 1); // commits, then its KV put is held
    await slow.held;
    await fast.moveLabel(name, 'prod', 2); // commits later and projects at once
    slow.release();
    await first;
    expect(((await env.WEIR_KV.get(promptRefKey(name, 'prod'), 'json')) as { version: number }).version).toBe(2);
    expect(await versioned.labels(name)).toEqual({ prod: 2 });
  });

  it('leaves no key of a deleted flow behind, even when a label move projects after the delete', async () => {
    const versioned = memoryVersionedStore(FLOW_KIND);
    const id = unique('proj-flow');
    const deps = { kv: env.WEIR_KV, versioned };
    const text = JSON.stringify({ version: 1, id, name: id, nodes: [], edges: [] });
    await flowStore(deps).put(id, text, { name: id, description: '', public: true, problems: 0 });
    await versioned.append(id, { body: text, hash: 'a'.repeat(64), createdAt: '2026-11-01T00:00:00Z' }, {});
    const slow = gatedKv(flowRefKey(id, 'staging'));
    const move = flowVersionStore({ kv: slow.kv, versioned }, { cache: new TtlCache() }).moveLabel(id, 'staging', 1);
    await slow.held;
    expect(await flowStore(deps, { cache: new TtlCache() }).delete(id)).toBe(true);
    slow.release();
    await move;
    expect(await env.WEIR_KV.get(flowRefKey(id, 'staging'))).toBeNull();
    expect(await env.WEIR_KV.get(flowKey(id))).toBeNull();
    const left = (await env.WEIR_KV.list({ prefix: 'flow-' })).keys.filter((k) => k.name.includes(id));
    expect(left).toEqual([]);
  });

  it('projects a write whose request died, on the next write or the sweep', async () => {
    const versioned = memoryVersionedStore(PROMPT_KIND);
    const name = unique('proj-dead');
    let now = new Date('2026-11-01T00:00:00Z');
    const store = promptStore({ kv: env.WEIR_KV, versioned }, { cache: new TtlCache(), now: () => now });
    await store.addVersion(name, { template: { text: 'one' } });
    // A write committed in D1 whose request died before touching KV.
    await versioned.setLabel(name, 'prod', 1, now.toISOString());
    expect(await env.WEIR_KV.get(promptRefKey(name, 'prod'))).toBeNull();
    now = new Date('2026-11-01T00:05:00Z');
    expect(await store.catchUp()).toBe(1);
    expect(((await env.WEIR_KV.get(promptRefKey(name, 'prod'), 'json')) as { version: number }).version).toBe(1);
    expect(await versioned.pending({ name })).toEqual([]);
  });
});

describe('the scheduled sweep', () => {
  it('projects D1 writes that never reached KV, for prompts and flows alike', async () => {
    const { sweepProjections } = await import('../../../worker/store');
    const { d1VersionedStore } = await import('../../../worker/store/versioned');
    const name = unique('sweep');
    const long = '2020-01-01T00:00:00.000Z';
    // Committed in D1 by a request that died before touching KV.
    await d1VersionedStore(env.WEIR_DB, PROMPT_KIND).append(
      name,
      { body: JSON.stringify({ template: { text: 'swept' }, createdAt: long }), createdAt: long },
      { create: true },
    );
    expect(await env.WEIR_KV.get(promptRefKey(name, 'latest'))).toBeNull();
    expect(await sweepProjections({ kv: env.WEIR_KV, db: env.WEIR_DB })).toBeGreaterThanOrEqual(1);
    expect(((await env.WEIR_KV.get(promptRefKey(name, 'latest'), 'json')) as { template: unknown }).template).toEqual({ text: 'swept' });
    expect(await env.WEIR_DB.prepare('SELECT count(*) AS n FROM kv_outbox WHERE name = ?').bind(name).first('n')).toBe(0);
  });

  it('runs on the ten-minute cron tick of the worker', async () => {
    const { PROJECTION_SWEEP_CRON } = await import('../../../worker/store');
    const { d1VersionedStore } = await import('../../../worker/store/versioned');
    const { default: worker } = await import('../../../worker/index');
    const name = unique('tick');
    const long = '2020-01-01T00:00:00.000Z';
    await d1VersionedStore(env.WEIR_DB, PROMPT_KIND).append(
      name,
      { body: JSON.stringify({ template: { text: 'ticked' }, createdAt: long }), createdAt: long },
      { create: true },
    );
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: PROJECTION_SWEEP_CRON }), env as never, ctx);
    await waitOnExecutionContext(ctx);
    expect(((await env.WEIR_KV.get(promptRefKey(name, '1'), 'json')) as { template: unknown }).template).toEqual({ text: 'ticked' });
  });
});
