// A seeded, deterministic train/validation/test split. Items are ordered by a hash of seed and
// id (not by file position), so the same seed gives the same split on every machine and adding
// an item never reshuffles the others' order. Counts per split follow the ratios exactly
// (largest remainder), within each stratum when stratifying by first tag.
import { hashString } from './seeded';
import type { DatasetItem, SplitName } from './schema';

export type SplitRatios = Record<SplitName, number>;
export const SPLITS: readonly SplitName[] = ['train', 'validation', 'test'];
export const DEFAULT_RATIOS: SplitRatios = { train: 0.8, validation: 0.1, test: 0.1 };

export interface SplitOptions {
  seed: string | number;
  ratios?: SplitRatios;
  /** Split each group of items sharing a first tag separately, so every split sees every group. */
  stratify?: boolean;
  /** Leave items that already have a split alone; split only the others. */
  keep?: boolean;
}

/** "80/10/10", "0.8,0.1,0.1" or "8:1:1" → ratios that sum to 1. */
export function parseRatios(text: string): SplitRatios {
  const parts = text.split(/[/,:]/).map((p) => Number(p.trim()));
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n) || n < 0))
    throw new Error(`ratios are three non-negative numbers for train, validation and test, e.g. 80/10/10 (got "${text}")`);
  const sum = parts[0] + parts[1] + parts[2];
  if (sum <= 0) throw new Error('the ratios add up to zero');
  return { train: parts[0] / sum, validation: parts[1] / sum, test: parts[2] / sum };
}

/** How many of `n` items go to each split: floor of each share, then the remainders by size. */
export function splitCounts(n: number, ratios: SplitRatios): SplitRatios {
  const exact = SPLITS.map((s) => n * ratios[s]);
  const counts = exact.map(Math.floor);
  const order = SPLITS.map((_, i) => i).sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]) || a - b);
  for (let left = n - counts.reduce((a, b) => a + b, 0), k = 0; left > 0; left--, k++) counts[order[k % 3]]++;
  return { train: counts[0], validation: counts[1], test: counts[2] };
}

export function splitItems(items: readonly DatasetItem[], opts: SplitOptions): DatasetItem[] {
  const ratios = opts.ratios ?? DEFAULT_RATIOS;
  const seed = String(opts.seed);
  const assigned = new Map<string, SplitName>();
  const groups = new Map<string, DatasetItem[]>();
  for (const item of items) {
    if (opts.keep && item.split) continue;
    const key = opts.stratify ? (item.tags?.[0] ?? '') : '';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  for (const group of groups.values()) {
    const ordered = group
      .map((item) => ({ item, rank: hashString(`${seed}:${item.id}`) }))
      .sort((a, b) => a.rank - b.rank || (a.item.id < b.item.id ? -1 : 1));
    const counts = splitCounts(ordered.length, ratios);
    let i = 0;
    for (const split of SPLITS) for (let k = 0; k < counts[split]; k++) assigned.set(ordered[i++].item.id, split);
  }
  return items.map((item) => (assigned.has(item.id) ? { ...item, split: assigned.get(item.id) } : item));
}

export const countBySplit = (items: readonly DatasetItem[]): Record<SplitName | 'none', number> => {
  const out = { train: 0, validation: 0, test: 0, none: 0 };
  for (const item of items) out[item.split ?? 'none']++;
  return out;
};
