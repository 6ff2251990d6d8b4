// Brings the KV projection of one item up to date with D1 after a write. KV has no
// compare-and-swap, so two writers' KV puts can land in either order. Each writer therefore reads
// a consistent snapshot (at some `rev`), writes the keys its write touched, then re-reads `rev`:
// if anything committed meanwhile it goes round again. The last put to any key is thus made from
// a snapshot no later commit changed, so KV converges to D1 (README, "Consistency").
import type { Snapshot, Touched, VersionedStore } from './types';

export interface KvEntry {
  key: string;
  /** null deletes the key. */
  value: string | null;
  metadata?: unknown;
}

/** What a kind writes to KV for the touched parts of a snapshot. */
export interface Projector {
  entries(name: string, touched: Touched, snapshot: Snapshot): KvEntry[];
  /** Drops what this isolate cached about the item, so it sees its own write at once. */
  invalidate(name: string): void;
}

/** Enough for bursts of hundreds of concurrent writers; past it the outbox row stays for a later pass. */
const MAX_ROUNDS = 40;
/** An outbox row older than this belongs to a writer that died (or whose KV writes failed). */
export const STALE_OUTBOX_MS = 30_000;

export const staleBefore = (now = new Date()) => new Date(now.getTime() - STALE_OUTBOX_MS).toISOString();

/** Projects a committed write, then (only if there are any) this item's writes that never were. */
export async function projectWrite(
  store: VersionedStore,
  kv: KVNamespace,
  projector: Projector,
  name: string,
  touched: Touched,
  outbox: number[],
): Promise<void> {
  const stale = store.pending({ name, olderThan: staleBefore(), limit: 1 }); // read alongside, not after
  await project(store, kv, projector, name, touched, outbox);
  if ((await stale).length) await catchUp(store, kv, projector, { name });
}

export const everything = (clearLabels: string[] = []): Touched => ({
  versions: 'all',
  labels: 'all',
  latest: true,
  draft: true,
  ...(clearLabels.length ? { clearLabels } : {}),
});

async function writeEntries(kv: KVNamespace, entries: KvEntry[]): Promise<void> {
  await Promise.all(
    entries.map((e) =>
      e.value === null ? kv.delete(e.key) : kv.put(e.key, e.value, e.metadata === undefined ? undefined : { metadata: e.metadata }),
    ),
  );
}

/** Projects `touched` until KV holds what D1 holds; true once confirmed (and the outbox row settled). */
export async function project(
  store: VersionedStore,
  kv: KVNamespace,
  projector: Projector,
  name: string,
  touched: Touched,
  outbox: number[],
): Promise<boolean> {
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const snapshot = await store.snapshot(name, touched);
      await writeEntries(kv, projector.entries(name, touched, snapshot));
      projector.invalidate(name);
      if (await store.settleAt(name, snapshot.item?.rev, outbox)) return true;
    }
  } catch (err) {
    // The write itself is committed in D1; its outbox row stays, and a later pass projects it.
    console.error('weir: KV projection deferred:', err instanceof Error ? err.message : String(err));
  }
  return false;
}

/** Re-projects items whose writers never confirmed (crash, KV failure): this item's, or all stale ones. */
export async function catchUp(
  store: VersionedStore,
  kv: KVNamespace,
  projector: Projector,
  opts: { name?: string; now?: Date } = {},
): Promise<number> {
  const rows = await store.pending({ name: opts.name, olderThan: staleBefore(opts.now) });
  const byName = new Map<string, { ids: number[]; clear: Set<string> }>();
  for (const r of rows) {
    const entry = byName.get(r.name) ?? { ids: [], clear: new Set<string>() };
    entry.ids.push(r.id);
    r.clearLabels.forEach((l) => entry.clear.add(l));
    byName.set(r.name, entry);
  }
  let done = 0;
  for (const [name, { ids, clear }] of byName)
    if (await project(store, kv, projector, name, everything([...clear]), ids)) done += ids.length;
  return done;
}
