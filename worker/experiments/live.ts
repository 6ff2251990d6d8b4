// The run path's view of experiments: the flow's running experiment from KV, one read per flow,
// then kept in the isolate for a few seconds (like labels, store/flow-resolve.ts), so a warm
// isolate adds no I/O at all to a run. `null` caches "no experiment" too.
import { TtlCache } from '../store/ttl-cache';
import { experimentRecord, type Experiment } from './schema';

export const EXPERIMENT_CACHE_MS = 5_000;
const KV_CACHE_TTL = 30;
const cache = new TtlCache<Experiment | null>();

const key = (flowId: string) => `experiment:${flowId}`;

export function forgetLive(flowId?: string): void {
  if (flowId === undefined) cache.clear();
  else cache.deletePrefix(`${flowId}\u0000`);
}

export async function liveExperiment(kv: KVNamespace, flowId: string): Promise<Experiment | undefined> {
  const cacheKey = `${flowId}\u0000`;
  const hit = cache.get(cacheKey);
  if (hit !== undefined) return hit ?? undefined;
  const raw = await kv.get(key(flowId), { type: 'json', cacheTtl: KV_CACHE_TTL });
  const parsed = raw === null ? undefined : experimentRecord.safeParse(raw);
  const live = parsed?.success && parsed.data.status === 'running' ? parsed.data : null;
  cache.set(cacheKey, live, EXPERIMENT_CACHE_MS);
  return live ?? undefined;
}
