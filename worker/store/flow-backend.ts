// What flowStore (drafts) and flowVersionStore (releases) share: the D1 versioned store of kind
// "flow", its KV projection, and the sync that runs after each committed write.
import { versionedFor, type StoreDeps } from './deps';
import { isolateFlowCache, type ResolvedFlow } from './flow-resolve';
import { FLOW_KIND, flowProjector } from './flow-projection';
import type { TtlCache } from './ttl-cache';
import { catchUp, projectWrite, type Touched, type VersionedStore } from './versioned';

export interface FlowStoreOptions {
  cache?: TtlCache<ResolvedFlow | null>;
  now?: () => Date;
}

export function flowBackend(deps: StoreDeps, opts: FlowStoreOptions = {}) {
  const cache = opts.cache ?? isolateFlowCache;
  const projector = flowProjector(cache);
  let versioned: VersionedStore | undefined;
  const db = () => (versioned ??= versionedFor(deps, FLOW_KIND));
  return {
    kv: deps.kv,
    cache,
    db,
    now: () => (opts.now ?? (() => new Date()))().toISOString(),
    /** Projects a committed write to KV, then any earlier write of this flow that never was. */
    async sync(id: string, touched: Touched, outbox: number | number[]): Promise<void> {
      await projectWrite(db(), deps.kv, projector, id, touched, Array.isArray(outbox) ? outbox : [outbox]);
    },
    catchUp: () => catchUp(db(), deps.kv, projector),
  };
}
