// The versioned-with-labels storage kind, written once for prompts, flows and (later) datasets:
// items with immutable numbered versions, movable labels, retirement, an optional draft and
// deletion. Two implementations keep the same contract: D1 (d1.ts, the source of truth) and an
// in-memory twin for tests (memory.ts).

export type VersionedKind = 'prompt' | 'flow' | 'dataset';

export interface ItemRow {
  name: string;
  description: string;
  /** Flows: the current public setting, which governs every version. */
  public: boolean;
  /** The highest number ever given (never reused, even after a deletion). */
  latest: number;
  /** Bumped by every change: the projection's clock. */
  rev: number;
  deleted: boolean;
  draft: string | null;
  draftMeta: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface VersionRow {
  version: number;
  hash: string | null;
  body: string;
  note: string | null;
  createdAt: string;
  retired: boolean;
}

export type VersionSummary = Omit<VersionRow, 'body'>;

export interface ItemSummary extends Omit<ItemRow, 'draft' | 'deleted'> {
  labels: Record<string, number>;
  hasDraft: boolean;
}

/** Which projection entries a write may have changed (each kind maps these to KV keys). */
export interface Touched {
  versions?: number[] | 'all';
  labels?: string[] | 'all';
  /** The newest live version (`latest`) and whatever follows it (a flow's `default`). */
  latest?: boolean;
  draft?: boolean;
  /** Labels that no longer exist but may still be projected (a deleted item's). */
  clearLabels?: string[];
}

/** One consistent read of an item: everything a projection of `touched` needs, at one `rev`. */
export interface Snapshot {
  item: ItemRow | undefined;
  labels: Record<string, number>;
  versions: Map<number, VersionRow>;
  /** The newest version that is not retired. */
  latestLive: number | undefined;
}

export interface NewVersion {
  body: string;
  hash?: string;
  note?: string;
  createdAt: string;
}

export interface AppendOptions {
  /** Create the item when it does not exist (prompts); otherwise a missing item is not_found. */
  create?: boolean;
  /** Sets the item's description (omitted: unchanged). */
  description?: string;
  /** Returns the newest version instead of adding one when its hash equals this one's (flows). */
  dedupeByHash?: boolean;
  /** When the write happens (default: the version's createdAt, which imports may set in the past). */
  now?: string;
}

export type AppendResult = { created: true; version: number } | { created: false; version: VersionRow };

export interface DraftInput {
  text: string;
  meta: string;
  public: boolean;
  description: string;
}

export interface RemoveResult {
  removed: boolean;
  /** Labels and versions the item had, so their projections can be removed too. */
  labels: string[];
  versions: number[];
  hadDraft: boolean;
}

/** A write whose projection was not confirmed (see kv_outbox in migrations/0003_versions.sql):
 * the item needs a full re-projection, plus clearing the labels a deletion removed. */
export interface PendingProjection {
  id: number;
  name: string;
  clearLabels: string[];
}

/** Every write also queues an outbox row in its transaction; `outbox` is its id, for settle(). */
export interface Queued {
  outbox: number;
}

export interface VersionedStore {
  readonly kind: VersionedKind;
  /** The item row, tombstones included. */
  item(name: string): Promise<ItemRow | undefined>;
  /** Live items with their labels, sorted by name. */
  list(): Promise<ItemSummary[]>;
  labels(name: string): Promise<Record<string, number>>;
  versions(name: string): Promise<VersionSummary[]>;
  version(name: string, version: number): Promise<VersionRow | undefined>;
  snapshot(name: string, touched: Touched): Promise<Snapshot>;
  rev(name: string): Promise<number | undefined>;

  /** Saves the draft, creating (or re-creating) the item; `publicChanged` when the setting moved. */
  putDraft(name: string, draft: DraftInput, now: string): Promise<Queued & { created: boolean; publicChanged: boolean }>;
  append(name: string, version: NewVersion, opts: AppendOptions): Promise<Queued & AppendResult>;
  setLabel(name: string, label: string, version: number, now: string): Promise<Queued & { labels: Record<string, number> }>;
  deleteLabel(name: string, label: string, now: string): Promise<Queued & { labels: Record<string, number> }>;
  setRetired(name: string, version: number, retired: boolean, now: string): Promise<Queued & { version: VersionRow }>;
  /** Deletes versions, labels and draft, keeping a tombstone (numbers are never reused). */
  remove(name: string, now: string): Promise<Queued & RemoveResult>;

  /** Unconfirmed projections: this item's (any age), or every item's older than `olderThan`. */
  pending(opts: { name?: string; olderThan?: string; limit?: number }): Promise<PendingProjection[]>;
  settle(ids: number[]): Promise<void>;
  /** Settles the outbox rows only if the item is still at `rev` (one round trip); false if it moved on. */
  settleAt(name: string, rev: number | undefined, ids: number[]): Promise<boolean>;
}
