// datasetStore: datasets mirrored into D1 as the third versioned kind. The current items are the
// item's draft (canonical JSONL, with hash and counts in its listing metadata, so a listing reads no
// items); every change also adds an immutable version carrying the content hash, so an eval that
// pinned a hash can still read what it ran on. Datasets are not on the run path: no KV projection.
import { countBySplit, datasetHash, formatDataset, hashMatches, mergeItems, parseDataset, type DatasetItem } from '../datasets';
import { slug } from '../engine/schema';
import { versionedFor, type StoreDeps } from './deps';
import { StoreError } from './errors';
import { zodProblems } from './problem';
import { catchUp, type KindText, type Projector, type VersionedStore } from './versioned';

export const DATASET_KIND: KindText = {
  kind: 'dataset',
  noun: 'dataset',
  missing: (name) => `no dataset named "${name}"`,
  reservedLabels: ['latest'],
};

/** One D1 value holds at most 2 MB; a dataset's canonical text is one. */
export const MAX_DATASET_TEXT = 1_900_000;
/** Conditional writes one addition may lose to other writers before it gives up. */
const MAX_ADD_ATTEMPTS = 20;

export interface DatasetMeta {
  hash: string;
  items: number;
  splits: Record<'train' | 'validation' | 'test' | 'none', number>;
}

export interface DatasetSummary extends DatasetMeta {
  name: string;
  description: string;
  /** The newest version (one per change). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DatasetDetail extends DatasetSummary {
  text: string;
  items: number;
  list: DatasetItem[];
}

export type DatasetStore = ReturnType<typeof datasetStore>;

/** Datasets write nothing to KV; the projection only settles outbox rows a crashed writer left. */
const noProjection: Projector = { entries: () => [], invalidate: () => undefined };

export function checkDatasetName(name: string): string {
  const parsed = slug.safeParse(name);
  if (!parsed.success) throw new StoreError('invalid', `"${name}" is not a valid dataset name`, zodProblems(parsed.error, '$.name'));
  return name;
}

const metaOf = async (items: readonly DatasetItem[]): Promise<DatasetMeta> => ({
  hash: await datasetHash(items),
  items: items.length,
  splits: countBySplit(items),
});

export function datasetStore(deps: StoreDeps, opts: { now?: () => Date } = {}) {
  const now = () => (opts.now ?? (() => new Date()))().toISOString();
  let versioned: VersionedStore | undefined;
  const db = () => (versioned ??= versionedFor(deps, DATASET_KIND));

  async function current(name: string) {
    const row = await db().item(name);
    if (!row || row.deleted || row.draft === null) throw new StoreError('not_found', DATASET_KIND.missing(name));
    return row;
  }

  /** Stores `items` as the dataset's current content and, unless unchanged, as a new version. */
  async function save(name: string, items: readonly DatasetItem[], description?: string): Promise<DatasetSummary & { changed: boolean }> {
    const text = formatDataset(items);
    if (new TextEncoder().encode(text).byteLength > MAX_DATASET_TEXT)
      throw new StoreError('invalid', `dataset "${name}" would be larger than ${MAX_DATASET_TEXT} bytes, what one D1 value holds`);
    const meta = await metaOf(items);
    const before = await db().item(name);
    const at = now();
    const draft = {
      text,
      meta: JSON.stringify(meta),
      public: false,
      description: description ?? (before?.deleted ? '' : (before?.description ?? '')),
    };
    const saved = await db().putDraft(name, draft, at);
    const appended = await db().append(
      name,
      { body: text, hash: meta.hash, note: `${meta.items} items`, createdAt: at },
      { dedupeByHash: true, now: at },
    );
    // Nothing reads a dataset from KV: confirm the outbox rows at once.
    await db().settle([saved.outbox, appended.outbox]);
    const version = appended.created ? appended.version : appended.version.version;
    const row = await current(name);
    return {
      name,
      description: row.description,
      version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      ...meta,
      changed: appended.created,
    };
  }

  /** The current items, or with `hash` (a prefix of 8+ hex digits) the version that had that content. */
  async function get(name: string, hash?: string): Promise<DatasetDetail> {
    const row = await current(name);
    let text = row.draft!;
    let version = row.latest;
    if (hash !== undefined) {
      const found = (await db().versions(name)).filter((v) => v.hash && hashMatches(v.hash, hash)).at(-1);
      if (!found) throw new StoreError('not_found', `dataset "${name}" has no version with hash ${hash}`);
      text = (await db().version(name, found.version))!.body;
      version = found.version;
    }
    const { items } = parseDataset(text);
    return {
      name,
      description: row.description,
      version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      ...(await metaOf(items)),
      text,
      list: items,
    };
  }

  /** Stores `items` only if the item is still at `rev` (undefined: it does not exist yet), then adds the version. */
  async function writeIfUnchanged(name: string, rev: number | undefined, items: readonly DatasetItem[]) {
    if (!deps.db) return save(name, items); // the in-memory twin: one writer at a time
    const text = formatDataset(items);
    if (new TextEncoder().encode(text).byteLength > MAX_DATASET_TEXT)
      throw new StoreError('invalid', `dataset "${name}" would be larger than ${MAX_DATASET_TEXT} bytes, what one D1 value holds`);
    const meta = await metaOf(items);
    const at = now();
    const result =
      rev === undefined
        ? await deps.db
            .prepare(
              `INSERT INTO versioned_items (kind, name, description, public, draft, draft_meta, latest, rev, deleted, created_at, updated_at)
               VALUES ('dataset', ?1, '', 0, ?2, ?3, 0, 1, 0, ?4, ?4) ON CONFLICT (kind, name) DO NOTHING`,
            )
            .bind(name, text, JSON.stringify(meta), at)
            .run()
        : await deps.db
            .prepare(
              `UPDATE versioned_items SET draft = ?1, draft_meta = ?2, rev = rev + 1, updated_at = ?3,
                 description = CASE WHEN deleted = 1 THEN '' ELSE description END,
                 created_at = CASE WHEN deleted = 1 THEN ?3 ELSE created_at END, deleted = 0
               WHERE kind = 'dataset' AND name = ?4 AND rev = ?5`,
            )
            .bind(text, JSON.stringify(meta), at, name, rev)
            .run();
    if (result.meta.changes !== 1) return undefined;
    const appended = await db().append(
      name,
      { body: text, hash: meta.hash, note: `${meta.items} items`, createdAt: at },
      { dedupeByHash: true, now: at },
    );
    await db().settle([appended.outbox]);
    const row = (await db().item(name))!;
    const version = appended.created ? appended.version : appended.version.version;
    return { name, description: row.description, version, createdAt: row.createdAt, updatedAt: row.updatedAt, ...meta, changed: true };
  }

  return {
    async list(): Promise<DatasetSummary[]> {
      const rows = await db().list();
      return rows
        .filter((r) => r.draftMeta)
        .map((r) => ({
          name: r.name,
          description: r.description,
          version: r.latest,
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
          ...(JSON.parse(r.draftMeta!) as DatasetMeta),
        }));
    },

    get,
    versions: async (name: string) => {
      await current(name);
      return (await db().versions(name)).map(({ version, hash, note, createdAt }) => ({ version, hash, note, createdAt }));
    },

    /** Replaces the dataset with a JSONL text; every problem of every line is reported, nothing is stored then. */
    async put(name: string, text: string, description?: string) {
      checkDatasetName(name);
      const { items, problems } = parseDataset(text);
      if (problems.length) throw new StoreError('invalid', `the dataset has ${problems.length} problem(s)`, problems);
      return save(name, items, description);
    },

    /** Adds items whose ids are not in the dataset yet (creating it); returns which were new. Concurrent
     * additions all land: the write is conditional on the item's `rev`, and a lost race merges again. */
    async add(name: string, incoming: readonly DatasetItem[]) {
      checkDatasetName(name);
      for (let attempt = 0; attempt < MAX_ADD_ATTEMPTS; attempt++) {
        const row = await db().item(name);
        const live = row && !row.deleted && row.draft !== null;
        const existing = live ? parseDataset(row.draft!).items : [];
        const ids = new Set(existing.map((i) => i.id));
        const fresh = incoming.filter((i) => !ids.has(i.id));
        const present = incoming.filter((i) => ids.has(i.id)).map((i) => i.id);
        if (live && !fresh.length) {
          const { text: _text, list: _list, ...rest } = await get(name);
          return { dataset: { ...rest, changed: false }, added: [], present };
        }
        const merged = mergeItems(existing, fresh).items;
        const written = await writeIfUnchanged(name, row?.rev, merged);
        if (written) return { dataset: written, added: fresh.map((i) => i.id), present };
      }
      throw new StoreError('conflict', `dataset "${name}" kept changing while items were added; try again`);
    },

    /** Settles outbox rows of writers that died before settling them (the scheduled sweep). */
    catchUp: () => catchUp(db(), deps.kv, noProjection),

    async remove(name: string): Promise<void> {
      await current(name);
      const removed = await db().remove(name, now());
      await db().settle([removed.outbox]);
    },
  };
}
