import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { WeirError } from '../../../worker/engine/errors';
import { StoreError, promptStore } from '../../../worker/store';
import { TtlCache } from '../../../worker/store/ttl-cache';
import type { StoredVersion } from '../../../worker/store/prompt-schema';
import { countingKv } from '../counting-kv';

const deps = (kv: KVNamespace) => ({ kv, db: env.WEIR_DB });

let clock = 1_000_000;
let cache: TtlCache<StoredVersion>;
beforeEach(() => {
  cache = new TtlCache<StoredVersion>(1000, () => clock);
});
const fresh = (kv: KVNamespace = env.WEIR_KV) => promptStore(deps(kv), { cache });
let n = 0;
const uniqueName = () => `greet-${++n}-${Math.random().toString(36).slice(2, 8)}`;

describe('promptStore', () => {
  it('numbers versions 1, 2, 3 and never changes an existing one', async () => {
    const store = fresh();
    const name = uniqueName();
    const v1 = await store.addVersion(name, { template: { text: 'Hi {{input.name}}' }, note: 'first', description: 'Greets' });
    const v2 = await store.addVersion(name, { template: { text: 'Hello {{input.name}}!' }, model: 'gpt-4o-mini' });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v1.variables).toEqual(['input.name']);
    const detail = await store.get(name);
    expect(detail.description).toBe('Greets');
    expect(detail.latest).toBe(2);
    expect(detail.versions.map((v) => v.template)).toEqual([{ text: 'Hi {{input.name}}' }, { text: 'Hello {{input.name}}!' }]);
    expect((await store.resolve(`${name}@1`)).template).toEqual({ text: 'Hi {{input.name}}' });
  });

  it('moves a label and resolves name@label to the version it points at', async () => {
    const store = fresh();
    const name = uniqueName();
    await store.addVersion(name, { template: { text: 'one' } });
    await store.addVersion(name, { template: { text: 'two' } });
    expect(await store.moveLabel(name, 'production', 1)).toEqual({ production: 1 });
    expect(await store.resolve(`${name}@production`)).toMatchObject({ version: 1, label: 'production', template: { text: 'one' } });
    await store.moveLabel(name, 'production', 2);
    clock += 10_000; // past the isolate cache's label TTL
    expect(await store.resolve(`${name}@production`)).toMatchObject({ version: 2, template: { text: 'two' } });
  });

  it('resolves name@latest to the newest version', async () => {
    const store = fresh();
    const name = uniqueName();
    await store.addVersion(name, { template: { text: 'one' } });
    await store.addVersion(name, { template: { text: 'two' } });
    expect((await store.resolve(`${name}@latest`)).version).toBe(2);
  });

  it('reads KV at most once per resolution and not at all when warm', async () => {
    const counter = countingKv(env.WEIR_KV);
    const name = uniqueName();
    await fresh().addVersion(name, { template: { text: 'x' } });
    await fresh().moveLabel(name, 'staging', 1);
    const store = fresh(counter.kv);
    counter.reset();
    await store.resolve(`${name}@staging`);
    expect(counter.reads()).toBe(1);
    await store.resolve(`${name}@1`);
    expect(counter.reads()).toBe(2);
    await store.resolve(`${name}@staging`);
    await store.resolve(`${name}@1`);
    expect(counter.reads()).toBe(2);
  });

  it('keeps pinned versions cached longer than labels', async () => {
    const counter = countingKv(env.WEIR_KV);
    const name = uniqueName();
    await fresh().addVersion(name, { template: { text: 'x' } });
    await fresh().moveLabel(name, 'prod', 1);
    const store = fresh(counter.kv);
    await store.resolve(`${name}@prod`);
    await store.resolve(`${name}@1`);
    counter.reset();
    clock += 6_000;
    await store.resolve(`${name}@prod`);
    await store.resolve(`${name}@1`);
    expect(counter.reads()).toBe(1);
  });

  it('throws prompt_not_found for unknown names, labels and versions and for malformed refs', async () => {
    const store = fresh();
    const name = uniqueName();
    await store.addVersion(name, { template: { text: 'x' } });
    for (const ref of [`${uniqueName()}@production`, `${name}@nolabel`, `${name}@9`, 'not a ref']) {
      await expect(store.resolve(ref)).rejects.toSatisfy((e) => e instanceof WeirError && e.code === 'prompt_not_found');
    }
  });

  it('rejects invalid versions with problem paths and writes nothing', async () => {
    const counter = countingKv(env.WEIR_KV);
    const store = fresh(counter.kv);
    const name = uniqueName();
    const bad = store.addVersion(name, { template: { text: '' }, temperature: 9 });
    await expect(bad).rejects.toSatisfy(
      (e) => e instanceof StoreError && e.code === 'invalid' && (e.issues ?? []).some((i) => i.path === '$.temperature'),
    );
    await expect(store.addVersion(name, { template: { text: 'Hi {{#open}}' } })).rejects.toSatisfy(
      (e) => e instanceof StoreError && e.issues?.[0]?.path === '$.template.text',
    );
    expect(counter.writes()).toBe(0);
    await expect(store.get(name)).rejects.toSatisfy((e) => e instanceof StoreError && e.code === 'not_found');
  });

  it('keeps a version whose KV projection failed, and the next write to the prompt repairs the projection', async () => {
    const counter = countingKv(env.WEIR_KV);
    let now = new Date('2026-11-01T00:00:00Z');
    const store = promptStore(deps(counter.kv), { cache, now: () => now });
    const name = uniqueName();
    await store.addVersion(name, { template: { text: 'one' } });
    counter.failPut(1); // D1 commits version 2, then the first KV put fails
    expect((await store.addVersion(name, { template: { text: 'two' } })).version).toBe(2);
    const detail = await store.get(name);
    expect(detail.latest).toBe(2);
    expect(detail.versions.map((v) => v.template)).toEqual([{ text: 'one' }, { text: 'two' }]);
    now = new Date('2026-11-01T00:01:00Z'); // the failed projection is now stale
    await store.moveLabel(name, 'prod', 1);
    clock += 10_000;
    expect((await store.resolve(`${name}@latest`)).template).toEqual({ text: 'two' });
    expect((await store.resolve(`${name}@2`)).template).toEqual({ text: 'two' });
    expect(await env.WEIR_DB.prepare('SELECT count(*) AS n FROM kv_outbox WHERE name = ?').bind(name).first('n')).toBe(0);
  });

  it('refuses to move a label to a missing version or to move "latest"', async () => {
    const store = fresh();
    const name = uniqueName();
    await store.addVersion(name, { template: { text: 'x' } });
    await expect(store.moveLabel(name, 'prod', 5)).rejects.toSatisfy((e) => e instanceof StoreError && e.code === 'not_found');
    await expect(store.moveLabel(name, 'latest', 1)).rejects.toSatisfy((e) => e instanceof StoreError && e.code === 'invalid');
    await expect(store.moveLabel(uniqueName(), 'prod', 1)).rejects.toSatisfy((e) => e instanceof StoreError && e.code === 'not_found');
  });

  it('deletes a label so it no longer resolves', async () => {
    const store = fresh();
    const name = uniqueName();
    await store.addVersion(name, { template: { text: 'x' } });
    await store.moveLabel(name, 'prod', 1);
    expect(await store.deleteLabel(name, 'prod')).toEqual({});
    await expect(store.resolve(`${name}@prod`)).rejects.toThrow(/does not exist/);
    await expect(store.deleteLabel(name, 'prod')).rejects.toSatisfy((e) => e instanceof StoreError && e.code === 'not_found');
  });

  it('lists prompts with their latest version and labels', async () => {
    const store = fresh();
    const name = uniqueName();
    await store.addVersion(name, {
      template: {
        messages: [
          { role: 'system', content: 'Be brief' },
          { role: 'user', content: '{{input.q}}' },
        ],
      },
      description: 'Q',
    });
    await store.moveLabel(name, 'prod', 1);
    const listed = (await store.list()).find((p) => p.name === name);
    expect(listed).toMatchObject({ name, description: 'Q', latest: 1, labels: { prod: 1 } });
    expect((await store.get(name)).versions[0].variables).toEqual(['input.q']);
  });
});
