// Two variants on the same items: McNemar's exact test on item pass/fail, the items that
// flipped either way, and a paired bootstrap interval for the difference in mean score.
import type { DatasetItem } from '../datasets/schema';
import type { RunRecord } from './run-eval';
import { mcnemarExact, type McNemar } from './stats-mcnemar';
import { pairedBootstrap } from './stats-intervals';
import { itemOutcomes } from './stats-variant';

export interface PairSummary {
  a: string;
  b: string;
  mcnemar: McNemar;
  significant: boolean;
  /** Items where exactly one of the two passed. */
  flipped: { itemId: string; passed: 'a' | 'b' }[];
  /** Mean score of a minus b, with a 95% paired bootstrap interval. */
  scoreDiff: { mean: number; low: number; high: number };
}

export function comparePair(a: string, b: string, items: readonly DatasetItem[], records: readonly RunRecord[], repeats: number, seed = 1): PairSummary {
  const oa = itemOutcomes(a, items, records, repeats);
  const ob = itemOutcomes(b, items, records, repeats);
  const flipped: PairSummary['flipped'] = [];
  for (const item of items) {
    const pa = oa.get(item.id)!.pass;
    const pb = ob.get(item.id)!.pass;
    if (pa !== pb) flipped.push({ itemId: item.id, passed: pa ? 'a' : 'b' });
  }
  const mcnemar = mcnemarExact(flipped.filter((f) => f.passed === 'a').length, flipped.filter((f) => f.passed === 'b').length);
  const diff = pairedBootstrap(
    items.map((i) => oa.get(i.id)!.score),
    items.map((i) => ob.get(i.id)!.score),
    { seed },
  );
  return { a, b, mcnemar, significant: mcnemar.pValue < 0.05, flipped, scoreDiff: { mean: diff.mean, low: diff.low, high: diff.high } };
}
