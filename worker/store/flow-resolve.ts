// Which flow text a run uses: a pinned version, a label, the default (production, else latest) or
// the draft. One KV read at most per reference (drafts included), none when the isolate cache is
// warm, and never a D1 read; the parsed flow is cached by content hash so the engine validates
// each version once per isolate.
import { parseFlow, type ParsedFlow } from '../engine/parse';
import { flowKey, flowRefKey, flowVersionKey } from './keys';
import { flowVersionRecord, sha256Hex, type FlowVersionRecord } from './flow-version-schema';
import { TtlCache } from './ttl-cache';

/**
 * Labels move, and a pinned version can be retired, deleted or made private, so the isolate keeps
 * every reference briefly (a warm isolate still reads no KV for 5 s), and KV's edge cache keeps it
 * 30 s (its minimum): a change is seen everywhere within KV propagation time. What is expensive,
 * parsing and validating a version, stays cached by content hash for 10 minutes.
 */
export const FLOW_LABEL_CACHE_MS = 5_000;
export const FLOW_VERSION_CACHE_MS = 10 * 60_000;
const KV_REF_CACHE_TTL = 30;

export interface ResolvedFlow {
  id: string;
  version: number | 'draft';
  hash: string;
  label?: string;
  createdAt?: string;
  parsed: ParsedFlow;
  /** Whether anonymous callers may run it: the flow's current setting, whatever the version says. */
  public: boolean;
  /** A retired version: it no longer runs by pin (410). */
  retired?: boolean;
}

/** `null` remembers "not there" for a label or the default, so unpublished flows skip that read when warm. */
export const isolateFlowCache = new TtlCache<ResolvedFlow | null>();
/** Parsed flows by content hash; the same object every time, so the engine's prepareFlow cache hits. */
const parsedByHash = new TtlCache<ParsedFlow>(200);

export type FlowRef = { kind: 'draft' } | { kind: 'default' } | { kind: 'version'; version: number } | { kind: 'label'; label: string };

export function parseFlowRef(ref: string | undefined): FlowRef | undefined {
  if (ref === undefined || ref === '' || ref === 'default') return { kind: 'default' };
  if (ref === 'draft') return { kind: 'draft' };
  if (/^[1-9][0-9]{0,8}$/.test(ref)) return { kind: 'version', version: Number(ref) };
  if (/^[a-z][a-z0-9_-]{0,63}$/.test(ref)) return { kind: 'label', label: ref };
  return undefined;
}

export const refText = (ref: FlowRef): string =>
  ref.kind === 'version' ? String(ref.version) : ref.kind === 'label' ? ref.label : ref.kind;

function parsedFor(hash: string, source: unknown): ParsedFlow {
  const hit = parsedByHash.get(hash);
  if (hit) return hit;
  // The node cap is the runtime's (MAX_NODES): runFlow applies it, so parsing here does not.
  const parsed = parseFlow(source, { maxNodes: Number.POSITIVE_INFINITY });
  parsedByHash.set(hash, parsed, FLOW_VERSION_CACHE_MS);
  return parsed;
}

export function resolvedFromRecord(id: string, record: FlowVersionRecord): ResolvedFlow {
  const parsed = parsedFor(record.hash, record.flow);
  return {
    id,
    version: record.version,
    hash: record.hash,
    ...(record.label ? { label: record.label } : {}),
    createdAt: record.createdAt,
    parsed,
    public: record.public ?? parsed.flow?.public === true,
    ...(record.retired ? { retired: true } : {}),
  };
}

/** The draft, cached like a label: saves in this isolate drop it at once (flowStore.put/delete). */
async function readDraft(kv: KVNamespace, id: string, cache: TtlCache<ResolvedFlow | null>): Promise<ResolvedFlow | undefined> {
  const cacheKey = `${id}@draft`;
  const hit = cache.get(cacheKey);
  if (hit !== undefined) return hit ?? undefined;
  const text = await kv.get(flowKey(id), 'text');
  let resolved: ResolvedFlow | null = null;
  if (text !== null) {
    const hash = await sha256Hex(text);
    const parsed = parsedFor(hash, text);
    resolved = { id, version: 'draft', hash, parsed, public: parsed.flow?.public === true };
  }
  cache.set(cacheKey, resolved, FLOW_LABEL_CACHE_MS);
  return resolved ?? undefined;
}

/** Resolves one reference; `default` falls back to the draft when nothing is published. */
export async function resolveFlow(
  kv: KVNamespace,
  id: string,
  ref: FlowRef,
  cache: TtlCache<ResolvedFlow | null> = isolateFlowCache,
): Promise<ResolvedFlow | undefined> {
  if (ref.kind === 'draft') return readDraft(kv, id, cache);
  const cacheKey = `${id}@${refText(ref)}`;
  let resolved = cache.get(cacheKey);
  if (resolved === undefined) {
    const key = ref.kind === 'version' ? flowVersionKey(id, ref.version) : flowRefKey(id, refText(ref));
    const raw = await kv.get(key, { type: 'json', cacheTtl: KV_REF_CACHE_TTL });
    const record = raw === null ? undefined : flowVersionRecord.safeParse(raw);
    resolved = record?.success ? resolvedFromRecord(id, record.data) : null;
    cache.set(cacheKey, resolved, FLOW_LABEL_CACHE_MS);
  }
  if (resolved) return resolved;
  return ref.kind === 'default' ? readDraft(kv, id, cache) : undefined;
}
