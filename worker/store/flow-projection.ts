// What flows look like in KV, projected from D1: the draft (`flow:<id>`, with listing metadata),
// each version (`flow-version:<id>:<n>`), and a copy of the version under each label, `latest`
// and `default` (production, else latest): one KV read per run, whatever the reference. Every
// record carries the flow's current public setting; a deleted flow has no keys at all.
import type { ResolvedFlow } from './flow-resolve';
import { RESERVED_FLOW_LABELS, type FlowVersionRecord } from './flow-version-schema';
import { flowKey, flowRefKey, flowVersionKey } from './keys';
import type { TtlCache } from './ttl-cache';
import {
  labelTarget,
  touchedLabels,
  touchedVersions,
  type KindText,
  type KvEntry,
  type Projector,
  type Snapshot,
  type VersionRow,
} from './versioned';

export const FLOW_KIND: KindText = {
  kind: 'flow',
  noun: 'flow',
  missing: (id) => `no flow with id "${id}"`,
  reservedLabels: RESERVED_FLOW_LABELS,
};

export function recordFromRow(row: VersionRow, isPublic: boolean): FlowVersionRecord {
  return {
    version: row.version,
    hash: row.hash ?? '',
    flow: JSON.parse(row.body) as Record<string, unknown>,
    createdAt: row.createdAt,
    ...(row.note ? { note: row.note } : {}),
    public: isPublic,
    ...(row.retired ? { retired: true } : {}),
  };
}

export function flowProjector(cache: TtlCache<ResolvedFlow | null>): Projector {
  return {
    entries(id, touched, snap: Snapshot) {
      const item = snap.item && !snap.item.deleted ? snap.item : undefined;
      const record = (row: VersionRow | undefined, label?: string) =>
        item && row ? JSON.stringify({ ...recordFromRow(row, item.public), ...(label ? { label } : {}) }) : null;
      const out: KvEntry[] = [];
      if (touched.draft)
        out.push({
          key: flowKey(id),
          value: item?.draft ?? null,
          ...(item?.draftMeta ? { metadata: JSON.parse(item.draftMeta) as unknown } : {}),
        });
      for (const n of touchedVersions(touched, snap)) out.push({ key: flowVersionKey(id, n), value: record(snap.versions.get(n)) });
      const labels = touchedLabels(touched, snap);
      for (const label of labels) out.push({ key: flowRefKey(id, label), value: record(labelTarget(snap, label), label) });
      if (touched.latest || labels.includes('production')) {
        const newest = snap.latestLive === undefined ? undefined : snap.versions.get(snap.latestLive);
        const production = labelTarget(snap, 'production');
        if (touched.latest) out.push({ key: flowRefKey(id, 'latest'), value: record(newest, 'latest') });
        out.push({ key: flowRefKey(id, 'default'), value: production ? record(production, 'production') : record(newest, 'latest') });
      }
      return out;
    },
    invalidate: (id) => cache.deletePrefix(`${id}@`),
  };
}
