// flowStore: flow drafts, the canonical text the editor saves. D1 holds them with their listing
// metadata (name, description, updatedAt, public, problems); KV holds a projection for runs.
// A flow's `public` is its current setting: saving it re-projects every version and label.
import { flowBackend, type FlowStoreOptions } from './flow-backend';
import type { StoreDeps } from './deps';
import { everything } from './versioned';

export interface FlowMetadata {
  name: string;
  description: string;
  updatedAt: string;
  public: boolean;
  /** Count of error-severity problems when stored (drafts may have some). */
  problems: number;
}

export interface FlowListing extends FlowMetadata {
  id: string;
  /** Highest version number published (0: none). */
  latest: number;
  labels: Record<string, number>;
  createdAt: string;
}

export interface StoredFlow {
  id: string;
  text: string;
  metadata: FlowMetadata;
}

export type FlowStore = ReturnType<typeof flowStore>;

const readMeta = (id: string, json: string | null): FlowMetadata => {
  const fallback: FlowMetadata = { name: id, description: '', updatedAt: '', public: false, problems: 0 };
  return json ? { ...fallback, ...(JSON.parse(json) as Partial<FlowMetadata>) } : fallback;
};

export function flowStore(deps: StoreDeps, opts: FlowStoreOptions = {}) {
  const b = flowBackend(deps, opts);
  return {
    /** Every live flow, sorted by id, with its release summary: one D1 batch. */
    async list(): Promise<FlowListing[]> {
      return (await b.db().list())
        .filter((item) => item.hasDraft || item.latest > 0)
        .map((item) => ({
          ...readMeta(item.name, item.draftMeta),
          id: item.name,
          public: item.public,
          latest: item.latest,
          labels: item.labels,
          createdAt: item.createdAt,
        }));
    },

    async get(id: string): Promise<StoredFlow | undefined> {
      const item = await b.db().item(id);
      if (!item || item.deleted || item.draft === null) return undefined;
      return { id, text: item.draft, metadata: readMeta(id, item.draftMeta) };
    },

    /** Stores the text as given (callers pass canonical text), in one D1 write. */
    async put(id: string, text: string, meta: Omit<FlowMetadata, 'updatedAt'>, now = new Date()): Promise<FlowMetadata> {
      // KV metadata (the projection's) is capped at 1024 bytes, so the listing gets a shortened name and description.
      const metadata: FlowMetadata = {
        ...meta,
        name: meta.name.slice(0, 120),
        description: meta.description.slice(0, 140),
        updatedAt: now.toISOString(),
      };
      const saved = await b
        .db()
        .putDraft(id, { text, meta: JSON.stringify(metadata), public: meta.public, description: metadata.description }, metadata.updatedAt);
      // A changed public setting governs every version: re-project them all.
      await b.sync(id, saved.publicChanged ? everything() : { draft: true }, saved.outbox);
      return metadata;
    },

    /** Deletes the draft and every version and label; every projection key goes, so it stops running. */
    async delete(id: string): Promise<boolean> {
      const removed = await b.db().remove(id, b.now());
      await b.sync(id, { draft: true, versions: removed.versions, labels: removed.labels, latest: true }, removed.outbox);
      return removed.removed;
    },

    /** Projects writes whose request died before KV was updated (the scheduled sweep). */
    catchUp: b.catchUp,
  };
}
