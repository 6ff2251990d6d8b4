// What prompts look like in KV: one key per reference (`prompt-ref:name@3`, `@production`,
// `@latest`), each holding the whole version, so resolving a reference is one KV read.
import { promptRefKey } from './keys';
import { LATEST_LABEL, type StoredVersion } from './prompt-schema';
import type { TtlCache } from './ttl-cache';
import { labelTarget, touchedLabels, touchedVersions, type KindText, type Projector, type VersionRow } from './versioned';

export const PROMPT_KIND: KindText = {
  kind: 'prompt',
  noun: 'prompt',
  missing: (name) => `no prompt named "${name}"`,
  reservedLabels: [LATEST_LABEL],
};

/** A version row as the stored version the engine resolves. */
export function storedFromRow(name: string, row: VersionRow): StoredVersion {
  const body = JSON.parse(row.body) as Omit<StoredVersion, 'name' | 'version'>;
  return { ...body, name, version: row.version };
}

export function promptProjector(cache: TtlCache<StoredVersion>): Projector {
  const json = (name: string, row: VersionRow | undefined, label?: string) =>
    row ? JSON.stringify({ ...storedFromRow(name, row), ...(label ? { label } : {}) }) : null;
  return {
    entries(name, touched, snap) {
      const live = !snap.item?.deleted;
      const out = touchedVersions(touched, snap).map((n) => ({
        key: promptRefKey(name, n),
        value: live ? json(name, snap.versions.get(n)) : null,
      }));
      for (const label of touchedLabels(touched, snap))
        out.push({ key: promptRefKey(name, label), value: json(name, labelTarget(snap, label), label) });
      if (touched.latest) {
        const newest = live && snap.latestLive !== undefined ? snap.versions.get(snap.latestLive) : undefined;
        out.push({ key: promptRefKey(name, LATEST_LABEL), value: json(name, newest, LATEST_LABEL) });
      }
      return out;
    },
    invalidate: (name) => cache.deletePrefix(`${name}@`),
  };
}
