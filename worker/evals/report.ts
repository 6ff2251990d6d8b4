// The eval report: what the CLI prints and writes, and what the worker will store. The JSON has
// a `variants` list (name, passRate, interval, ...), every pair's significance and flips,
// pairwise judging, the technique comparison and the item × variant matrix.
import type { DatasetItem } from '../datasets/schema';
import { techniqueComparison, type Comparison } from './compare';
import type { PriceBook } from './price-book';
import type { EvalRun, RunRecord } from './run-eval';
import type { EvalFile } from './schema';
import { comparePair, type PairSummary } from './stats-pairs';
import { itemOutcomes, summarizeVariant, type ItemOutcome, type VariantSummary } from './stats-variant';

export interface PairwiseSummary {
  a: string;
  b: string;
  wins: { a: number; b: number; tie: number };
  ungraded: number;
  /** (wins + ties/2) / judged, for a. */
  winRate: number | null;
}

export interface EvalReport {
  eval: { name: string; flow: string; file?: string };
  dataset: { name: string; hash: string; split?: string; items: number };
  repeats: number;
  durationMs: number;
  variants: (VariantSummary & { ref: string; description?: string })[];
  pairs: PairSummary[];
  pairwise: PairwiseSummary[];
  comparison?: Comparison;
  comparisonError?: string;
  judgeCostUsd: number | null;
  evalCostUsd: number | null;
  items: { id: string; tags?: string[]; variants: Record<string, ItemOutcome & { reasons: string[] }> }[];
}

export interface ReportInputs {
  evalFile: EvalFile;
  file?: string;
  datasetHash: string;
  items: readonly DatasetItem[];
  variants: readonly { name: string; ref: string; description?: string }[];
  run: EvalRun;
  repeats: number;
  prices: PriceBook;
  datasetTrainTokens: number;
  today: string;
}

/** Why an item failed, from its runs: failed runs and failing weighted checks (at most five). */
export const failureReasons = (runs: readonly RunRecord[]): string[] => {
  const out = new Set<string>();
  for (const r of runs) {
    if (r.status !== 'ok') out.add(`run failed${r.error?.nodeId ? ` at ${r.error.nodeId}` : ''}: ${r.error?.message ?? 'unknown error'} [${r.error?.code}]`);
    for (const a of r.assertions) if (!a.pass && a.weight > 0) out.add(`${a.name}: ${a.reason}`);
  }
  return [...out].slice(0, 5);
};

export function buildReport(inp: ReportInputs): EvalReport {
  const { items, run, repeats } = inp;
  const names = inp.variants.map((v) => v.name);
  const variants = inp.variants.map((v) => ({ ...summarizeVariant(v.name, items, run.records, repeats), ref: v.ref, ...(v.description ? { description: v.description } : {}) }));
  const pairs: PairSummary[] = [];
  for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) pairs.push(comparePair(names[i], names[j], items, run.records, repeats));
  const runCosts = variants.map((v) => v.cost.total);
  const evalCostUsd = runCosts.some((c) => c === null) || run.judgeCostUsd === null ? null : runCosts.reduce((s: number, c) => s + (c ?? 0), 0) + run.judgeCostUsd;

  const pairwise: PairwiseSummary[] = (inp.evalFile.pairwise ?? []).map((p) => {
    const mine = run.pairwise.filter((r) => r.a === p.a && r.b === p.b);
    const wins = { a: 0, b: 0, tie: 0 };
    for (const r of mine) if (r.winner) wins[r.winner]++;
    const judged = wins.a + wins.b + wins.tie;
    return { a: p.a, b: p.b, wins, ungraded: mine.length - judged, winRate: judged ? (wins.a + wins.tie / 2) / judged : null };
  });

  const outcomes = new Map(names.map((n) => [n, itemOutcomes(n, items, run.records, repeats)]));
  const byKey = new Map<string, RunRecord[]>();
  for (const r of run.records) byKey.set(`${r.variant}\u0000${r.itemId}`, [...(byKey.get(`${r.variant}\u0000${r.itemId}`) ?? []), r]);
  const matrix = items.map((item) => ({
    id: item.id,
    ...(item.tags ? { tags: item.tags } : {}),
    variants: Object.fromEntries(
      names.map((n) => [n, { ...outcomes.get(n)!.get(item.id)!, reasons: failureReasons(byKey.get(`${n}\u0000${item.id}`) ?? []) }]),
    ),
  }));

  let comparison: Comparison | undefined;
  let comparisonError: string | undefined;
  if (inp.evalFile.comparison) {
    try {
      comparison = techniqueComparison({
        config: inp.evalFile.comparison,
        variants,
        pairs,
        prices: inp.prices,
        datasetTrainTokens: inp.datasetTrainTokens,
        evalCostUsd,
        today: inp.today,
      });
    } catch (err) {
      comparisonError = (err as Error).message;
    }
  }
  return {
    eval: { name: inp.evalFile.name ?? inp.evalFile.flow, flow: inp.evalFile.flow, ...(inp.file ? { file: inp.file } : {}) },
    dataset: { name: inp.evalFile.dataset.name, hash: inp.datasetHash, ...(inp.evalFile.dataset.split ? { split: inp.evalFile.dataset.split } : {}), items: items.length },
    repeats,
    durationMs: run.durationMs,
    variants,
    pairs,
    pairwise,
    ...(comparison ? { comparison } : {}),
    ...(comparisonError ? { comparisonError } : {}),
    judgeCostUsd: run.judgeCostUsd,
    evalCostUsd,
    items: matrix,
  };
}
