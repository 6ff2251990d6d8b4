// The concrete version numbers and label names a `Touched` means for one snapshot: `all` is every
// number ever given (so a deleted item's keys are cleared too) and every current label.
import type { Snapshot, Touched } from './types';

export function touchedVersions(touched: Touched, snapshot: Snapshot): number[] {
  if (touched.versions !== 'all') return touched.versions ?? [];
  const latest = snapshot.item?.latest ?? 0;
  return Array.from({ length: latest }, (_, i) => i + 1);
}

export function touchedLabels(touched: Touched, snapshot: Snapshot): string[] {
  const named = touched.labels === 'all' ? Object.keys(snapshot.labels) : (touched.labels ?? []);
  return [...new Set([...named, ...(touched.clearLabels ?? [])])];
}

/** The version a label points at now, when the snapshot holds its body. */
export function labelTarget(snapshot: Snapshot, label: string) {
  const n = snapshot.item?.deleted ? undefined : snapshot.labels[label];
  return n === undefined ? undefined : snapshot.versions.get(n);
}
