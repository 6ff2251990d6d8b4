// flowVersionStore: publishing a flow's draft as an immutable numbered version (hash = SHA-256 of
// the canonical text) and labels that point at versions. Every label, `latest` and `default` (what
// an unpinned run uses: production, else latest) has a ref key holding a copy of its version.
import { WeirError } from '../engine/errors';
import { formatFlow } from '../engine/format';
import { parseFlow } from '../engine/parse';
import { StoreError } from './errors';
import { flowMeta, flowLabelName, flowVersionRecord, sha256Hex } from './flow-version-schema';
import type { FlowMeta, FlowMetaListing, FlowVersionRecord, FlowVersionSummary } from './flow-version-schema';
import { isolateFlowCache, type ResolvedFlow } from './flow-resolve';
import { FLOW_META_PREFIX, flowKey, flowMetaKey, flowRefKey, flowVersionKey } from './keys';
import { zodProblems } from './problem';
import type { TtlCache } from './ttl-cache';

export interface Published {
  version: number;
  hash: string;
  createdAt: string;
  note?: string;
  /** False when the draft equals the latest version, which is returned instead. */
  created: boolean;
}

export type FlowVersionStore = ReturnType<typeof flowVersionStore>;

export function flowVersionStore(kv: KVNamespace, opts: { cache?: TtlCache<ResolvedFlow | null>; now?: () => Date } = {}) {
  const cache = opts.cache ?? isolateFlowCache;
  const now = () => (opts.now ?? (() => new Date()))().toISOString();

  async function readMeta(id: string): Promise<FlowMeta | undefined> {
    const raw = await kv.get(flowMetaKey(id), 'json');
    if (raw === null) return undefined;
    const parsed = flowMeta.safeParse(raw);
    if (!parsed.success) throw new StoreError('invalid', `the stored versions of flow "${id}" are corrupt`);
    return parsed.data;
  }

  async function requireMeta(id: string): Promise<FlowMeta> {
    const meta = await readMeta(id);
    if (!meta) throw new StoreError('not_found', `flow "${id}" has no published versions`);
    return meta;
  }

  async function readVersion(id: string, version: number): Promise<FlowVersionRecord> {
    const parsed = flowVersionRecord.safeParse(await kv.get(flowVersionKey(id, version), 'json'));
    if (!parsed.success) throw new StoreError('not_found', `flow "${id}" has no version ${version}`);
    return parsed.data;
  }

  const copy = (id: string, label: string, record: FlowVersionRecord) =>
    kv.put(flowRefKey(id, label), JSON.stringify({ ...record, label }));

  /** Keeps `default` (production, else latest) in step, then writes meta last: a crash never leaves meta pointing at nothing. */
  async function writeMeta(id: string, meta: FlowMeta, records: Map<number, FlowVersionRecord>): Promise<void> {
    const defaultVersion = meta.labels.production ?? meta.latest;
    const target = records.get(defaultVersion) ?? (await readVersion(id, defaultVersion));
    await kv.put(flowRefKey(id, 'default'), JSON.stringify({ ...target, label: meta.labels.production ? 'production' : 'latest' }));
    const listing: FlowMetaListing = {
      latest: meta.latest,
      defaultVersion,
      public: (target.flow as { public?: unknown }).public === true,
      createdAt: meta.createdAt,
      labels: meta.labels,
    };
    if (new TextEncoder().encode(JSON.stringify(listing)).length > 1000) delete listing.labels;
    await kv.put(flowMetaKey(id), JSON.stringify(meta), { metadata: listing });
    cache.deletePrefix(`${id}@`);
  }

  function checkLabel(label: string): void {
    const parsed = flowLabelName.safeParse(label);
    if (!parsed.success) throw new StoreError('invalid', `"${label}" is not a label you can set`, zodProblems(parsed.error, '$.label'));
  }

  return {
    readMeta,

    /** Publishes the current draft; refuses one with problems (WeirError invalid_flow, a 422). */
    async publish(id: string, note?: string): Promise<Published> {
      const draft = await kv.get(flowKey(id), 'text');
      if (draft === null) throw new StoreError('not_found', `no flow with id "${id}"`);
      const parsed = parseFlow(draft);
      if (!parsed.flow || !parsed.valid) {
        const issues = parsed.problems.filter((p) => p.severity === 'error');
        throw new WeirError('invalid_flow', `flow "${id}" has ${issues.length} problem(s) and cannot be published`, {
          details: { issues },
        });
      }
      const text = formatFlow(parsed.flow);
      const hash = await sha256Hex(text);
      const meta = await readMeta(id);
      const last = meta?.versions.at(-1);
      if (last && last.hash === hash) return { ...last, created: false };
      const record: FlowVersionRecord = {
        version: (meta?.latest ?? 0) + 1,
        hash,
        flow: JSON.parse(text) as Record<string, unknown>,
        createdAt: now(),
        ...(note ? { note } : {}),
      };
      await kv.put(flowVersionKey(id, record.version), JSON.stringify(record));
      await copy(id, 'latest', record);
      const summary: FlowVersionSummary = { version: record.version, hash, createdAt: record.createdAt, ...(note ? { note } : {}) };
      const next: FlowMeta = {
        latest: record.version,
        labels: meta?.labels ?? {},
        versions: [...(meta?.versions ?? []), summary],
        createdAt: meta?.createdAt ?? record.createdAt,
        updatedAt: record.createdAt,
      };
      await writeMeta(id, next, new Map([[record.version, record]]));
      return { ...summary, created: true };
    },

    /** Versions and labels; a flow with a draft but nothing published has none. */
    async list(id: string): Promise<{ versions: FlowVersionSummary[]; labels: Record<string, number>; latest: number }> {
      const meta = await readMeta(id);
      if (meta) return { versions: meta.versions, labels: meta.labels, latest: meta.latest };
      if ((await kv.get(flowKey(id), 'text')) === null) throw new StoreError('not_found', `no flow with id "${id}"`);
      return { versions: [], labels: {}, latest: 0 };
    },

    get: readVersion,

    async moveLabel(id: string, label: string, version: number): Promise<Record<string, number>> {
      checkLabel(label);
      const meta = await requireMeta(id);
      const record = await readVersion(id, version);
      await copy(id, label, record);
      const labels = { ...meta.labels, [label]: version };
      await writeMeta(id, { ...meta, labels, updatedAt: now() }, new Map([[version, record]]));
      return labels;
    },

    async deleteLabel(id: string, label: string): Promise<Record<string, number>> {
      checkLabel(label);
      const meta = await requireMeta(id);
      if (!(label in meta.labels)) throw new StoreError('not_found', `flow "${id}" has no label "${label}"`);
      // Ref key first: a crash in between leaves a listed label that re-deleting fixes, never a hidden live one.
      await kv.delete(flowRefKey(id, label));
      const { [label]: _removed, ...labels } = meta.labels;
      await writeMeta(id, { ...meta, labels, updatedAt: now() }, new Map());
      return labels;
    },

    /** Removes every version and label of a flow (the draft is flowStore's). */
    async deleteAll(id: string): Promise<boolean> {
      const meta = await readMeta(id);
      if (!meta) return false;
      await kv.delete(flowMetaKey(id));
      const keys = [...Object.keys(meta.labels), 'latest', 'default'].map((l) => flowRefKey(id, l));
      keys.push(...meta.versions.map((v) => flowVersionKey(id, v.version)));
      await Promise.all(keys.map((k) => kv.delete(k)));
      cache.deletePrefix(`${id}@`);
      return true;
    },

    /** Every flow with published versions, from list metadata alone (no per-flow reads). */
    async listings(): Promise<Map<string, FlowMetaListing>> {
      const out = new Map<string, FlowMetaListing>();
      let cursor: string | undefined;
      do {
        const page = await kv.list<FlowMetaListing>({ prefix: FLOW_META_PREFIX, cursor });
        for (const key of page.keys) if (key.metadata) out.set(key.name.slice(FLOW_META_PREFIX.length), key.metadata);
        cursor = page.list_complete ? undefined : page.cursor;
      } while (cursor);
      return out;
    },
  };
}
