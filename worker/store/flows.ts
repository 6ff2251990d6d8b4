// flowStore: flows in Workers KV as canonical JSON text under `flow:<id>`, with list metadata
// (name, description, updatedAt, public, problems) so listing needs no per-flow reads.
import { isolateFlowCache, type ResolvedFlow } from './flow-resolve';
import { flowVersionStore } from './flow-versions';
import { FLOW_PREFIX, flowKey } from './keys';
import type { TtlCache } from './ttl-cache';

export interface FlowMetadata {
  name: string;
  description: string;
  updatedAt: string;
  public: boolean;
  /** Count of error-severity problems when stored (drafts may have some). */
  problems: number;
}

export interface StoredFlow {
  id: string;
  text: string;
  metadata: FlowMetadata;
}

export type FlowStore = ReturnType<typeof flowStore>;

export function flowStore(kv: KVNamespace, opts: { cache?: TtlCache<ResolvedFlow | null> } = {}) {
  const cache = opts.cache ?? isolateFlowCache;
  return {
    async list(): Promise<(FlowMetadata & { id: string })[]> {
      const out: (FlowMetadata & { id: string })[] = [];
      let cursor: string | undefined;
      do {
        const page = await kv.list<FlowMetadata>({ prefix: FLOW_PREFIX, cursor });
        for (const key of page.keys) {
          const m = key.metadata;
          out.push({
            id: key.name.slice(FLOW_PREFIX.length),
            name: m?.name ?? '',
            description: m?.description ?? '',
            updatedAt: m?.updatedAt ?? '',
            public: m?.public ?? false,
            problems: m?.problems ?? 0,
          });
        }
        cursor = page.list_complete ? undefined : page.cursor;
      } while (cursor);
      return out;
    },

    async get(id: string): Promise<StoredFlow | undefined> {
      const { value, metadata } = await kv.getWithMetadata<FlowMetadata>(flowKey(id), 'text');
      if (value === null) return undefined;
      return { id, text: value, metadata: metadata ?? { name: id, description: '', updatedAt: '', public: false, problems: 0 } };
    },

    /** Stores the text as given (callers pass canonical text); one KV write, so never partial. */
    async put(id: string, text: string, meta: Omit<FlowMetadata, 'updatedAt'>, now = new Date()): Promise<FlowMetadata> {
      // KV metadata is capped at 1024 bytes, so the listing gets a shortened name and description.
      const metadata: FlowMetadata = {
        ...meta,
        name: meta.name.slice(0, 120),
        description: meta.description.slice(0, 140),
        updatedAt: now.toISOString(),
      };
      await kv.put(flowKey(id), text, { metadata });
      cache.deletePrefix(`${id}@`); // the edge URL serves a new draft at once in this isolate
      return metadata;
    },

    /** Deletes the draft and every published version and label: a deleted flow stops running. */
    async delete(id: string): Promise<boolean> {
      const hadVersions = await flowVersionStore(kv, { cache }).deleteAll(id);
      cache.deletePrefix(`${id}@`);
      if ((await kv.get(flowKey(id), 'text')) === null) return hadVersions;
      await kv.delete(flowKey(id));
      return true;
    },
  };
}
