// The versioned-with-labels contract, run against both implementations: D1 (the source of truth)
// and the in-memory twin tests use, so the twin cannot drift from what production does.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../worker/store';
import { d1VersionedStore, memoryVersionedStore, type KindText, type VersionedStore } from '../../../worker/store/versioned';

const text: KindText = { kind: 'dataset', noun: 'dataset', missing: (n) => `no dataset named "${n}"`, reservedLabels: ['latest'] };
const implementations: [string, () => VersionedStore][] = [
  ['D1', () => d1VersionedStore(env.WEIR_DB, text)],
  ['in-memory', () => memoryVersionedStore(text)],
];
const at = '2026-11-01T00:00:00.000Z';
let n = 0;
const unique = () => `item-${++n}-${Math.random().toString(36).slice(2, 8)}`;
const code = (c: string) => (e: unknown) => e instanceof StoreError && e.code === c;
const add = (s: VersionedStore, name: string, body: string, opts = {}) =>
  s.append(name, { body, hash: body, createdAt: at }, { create: true, ...opts });

describe.each(implementations)('the %s versioned store', (_, make) => {
  it('numbers versions densely even when fifty appends race', async () => {
    const s = make();
    const name = unique();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => add(s, name, `b${i}`)));
    const numbers = results.map((r) => (r.created ? r.version : 0)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((await s.versions(name)).map((v) => v.version)).toEqual(numbers);
    expect((await s.item(name))?.latest).toBe(50);
  });

  it('returns the newest version instead of adding an equal one when asked to dedupe, and refuses a missing item', async () => {
    const s = make();
    const name = unique();
    await add(s, name, 'same');
    const again = await s.append(name, { body: 'same', hash: 'same', createdAt: at }, { dedupeByHash: true });
    expect(again).toMatchObject({ created: false, version: { version: 1, hash: 'same' } });
    await expect(s.append(unique(), { body: 'x', createdAt: at }, {})).rejects.toSatisfy(code('not_found'));
  });

  it('moves and deletes labels, refusing missing versions, retired versions and reserved names', async () => {
    const s = make();
    const name = unique();
    await add(s, name, 'one');
    await add(s, name, 'two');
    expect((await s.setLabel(name, 'prod', 1, at)).labels).toEqual({ prod: 1 });
    expect((await s.setLabel(name, 'beta', 2, at)).labels).toEqual({ beta: 2, prod: 1 });
    await expect(s.setLabel(name, 'prod', 7, at)).rejects.toSatisfy(code('not_found'));
    await expect(s.setLabel(name, 'latest', 1, at)).rejects.toSatisfy(code('invalid'));
    await expect(s.setLabel(unique(), 'prod', 1, at)).rejects.toSatisfy(code('not_found'));
    await s.setRetired(name, 2, false, at);
    await expect(s.setRetired(name, 2, true, at)).rejects.toSatisfy(code('conflict')); // "beta" points at it
    expect((await s.deleteLabel(name, 'beta', at)).labels).toEqual({ prod: 1 });
    expect((await s.setRetired(name, 2, true, at)).version.retired).toBe(true);
    await expect(s.setLabel(name, 'beta', 2, at)).rejects.toSatisfy(code('conflict'));
    await expect(s.deleteLabel(name, 'beta', at)).rejects.toSatisfy(code('not_found'));
    await s.deleteLabel(name, 'prod', at);
    await expect(s.setRetired(name, 1, true, at)).rejects.toSatisfy(code('conflict')); // the only live version left
    expect((await s.setRetired(name, 2, false, at)).version.retired).toBe(false);
    expect((await s.setRetired(name, 1, true, at)).version.retired).toBe(true);
  });

  it('snapshots the touched versions, the labels and the newest live version at one rev', async () => {
    const s = make();
    const name = unique();
    for (const b of ['a', 'b', 'c']) await add(s, name, b);
    await s.setLabel(name, 'prod', 1, at);
    await s.setRetired(name, 3, true, at);
    const snap = await s.snapshot(name, { labels: ['prod'], latest: true });
    expect(snap.latestLive).toBe(2);
    expect([...snap.versions.keys()].sort()).toEqual([1, 2]);
    expect(snap.labels).toEqual({ prod: 1 });
    expect(snap.item?.rev).toBe(await s.rev(name));
  });

  it('removes an item, keeps its numbers, and lets a new draft re-create it without reusing them', async () => {
    const s = make();
    const name = unique();
    await s.putDraft(name, { text: 'draft', meta: '{}', public: true, description: 'd' }, at);
    await s.append(name, { body: 'one', hash: 'h1', createdAt: at }, {});
    await s.setLabel(name, 'prod', 1, at);
    const removed = await s.remove(name, at);
    expect(removed).toMatchObject({ removed: true, labels: ['prod'], versions: [1], hadDraft: true });
    expect((await s.remove(name, at)).removed).toBe(false);
    await expect(s.append(name, { body: 'two', createdAt: at }, {})).rejects.toSatisfy(code('not_found'));
    expect((await s.list()).map((i) => i.name)).not.toContain(name);
    const again = await s.putDraft(name, { text: 'new', meta: '{}', public: false, description: '' }, at);
    expect(again.created).toBe(true);
    expect(await s.append(name, { body: 'two', hash: 'h2', createdAt: at }, {})).toMatchObject({ created: true, version: 2 });
  });

  it('says when a saved draft changes the public setting', async () => {
    const s = make();
    const name = unique();
    const draft = { text: 'x', meta: '{}', description: '' };
    expect(await s.putDraft(name, { ...draft, public: false }, at)).toMatchObject({ created: true, publicChanged: false });
    expect((await s.putDraft(name, { ...draft, public: true }, at)).publicChanged).toBe(true);
    expect((await s.putDraft(name, { ...draft, public: true }, at)).publicChanged).toBe(false);
  });

  it('keeps an outbox row per write until it is settled', async () => {
    const s = make();
    const name = unique();
    const { outbox } = await add(s, name, 'x');
    expect((await s.pending({ name })).map((p) => p.id)).toEqual([outbox]);
    await s.settle([outbox]);
    expect(await s.pending({ name })).toEqual([]);
  });
});
