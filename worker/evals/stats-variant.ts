// Per-variant statistics from an eval's run records: pass rate over items with its Wilson
// interval (an item passes when it passes in most of its repeats; a missing or failed run is a
// failure), judge-score interval, flaky items, latency p50/p95 and time to first token, tokens,
// fallback rate, and cost per item, per passing item and per 1,000 requests.
import type { DatasetItem } from '../datasets/schema';
import type { RunRecord } from './run-eval';
import { bootstrapMean, quantile, wilson, type Interval } from './stats-intervals';

export interface ItemOutcome {
  pass: boolean;
  /** Mean score over repeats (0 for missing runs). */
  score: number;
  passes: number;
  runs: number;
  flaky: boolean;
}

export interface VariantSummary {
  name: string;
  items: number;
  passed: number;
  passRate: number;
  interval: Interval;
  runs: number;
  runPasses: number;
  errors: number;
  score: { mean: number; low: number; high: number };
  latencyMs: { p50: number; p95: number; mean: number };
  ttftMs: { p50: number; p95: number } | null;
  tokens: { input: number; output: number; perRun: number };
  fallbackRate: number;
  flakyItems: number;
  ungradedChecks: number;
  cost: { total: number | null; perItem: number | null; perPass: number | null; per1000: number | null; unknownRuns: number };
}

/** Outcomes per item id for one variant; items without records count as failed. */
export function itemOutcomes(variant: string, items: readonly DatasetItem[], records: readonly RunRecord[], repeats: number): Map<string, ItemOutcome> {
  const byItem = new Map<string, RunRecord[]>();
  for (const r of records) if (r.variant === variant) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r]);
  const out = new Map<string, ItemOutcome>();
  for (const item of items) {
    const runs = byItem.get(item.id) ?? [];
    const passes = runs.filter((r) => r.pass).length;
    const n = Math.max(repeats, runs.length);
    out.set(item.id, {
      pass: passes * 2 > n,
      score: runs.reduce((s, r) => s + r.score, 0) / n,
      passes,
      runs: n,
      flaky: passes > 0 && passes < n,
    });
  }
  return out;
}

export function summarizeVariant(variant: string, items: readonly DatasetItem[], records: readonly RunRecord[], repeats: number, seed = 1): VariantSummary {
  const mine = records.filter((r) => r.variant === variant);
  const outcomes = [...itemOutcomes(variant, items, records, repeats).values()];
  const passed = outcomes.filter((o) => o.pass).length;
  const n = items.length;
  const latencies = mine.map((r) => r.latencyMs);
  const ttfts = mine.flatMap((r) => (r.ttftMs === undefined ? [] : [r.ttftMs]));
  const input = mine.reduce((s, r) => s + r.usage.inputTokens, 0);
  const output = mine.reduce((s, r) => s + r.usage.outputTokens, 0);
  const unknownRuns = mine.filter((r) => r.costUsd === null).length;
  const total = unknownRuns > 0 || mine.length === 0 ? null : mine.reduce((s, r) => s + (r.costUsd ?? 0), 0);
  const runPasses = mine.filter((r) => r.pass).length;
  const perRun = total === null ? null : total / mine.length;
  const scores = bootstrapMean(
    outcomes.map((o) => o.score),
    { seed },
  );
  return {
    name: variant,
    items: n,
    passed,
    passRate: n === 0 ? 0 : passed / n,
    interval: wilson(passed, n),
    runs: mine.length,
    runPasses,
    errors: mine.filter((r) => r.status !== 'ok').length,
    score: { mean: scores.mean, low: scores.low, high: scores.high },
    latencyMs: { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), mean: latencies.reduce((s, v) => s + v, 0) / (latencies.length || 1) },
    ttftMs: ttfts.length ? { p50: quantile(ttfts, 0.5), p95: quantile(ttfts, 0.95) } : null,
    tokens: { input, output, perRun: mine.length ? (input + output) / mine.length : 0 },
    fallbackRate: mine.length ? mine.filter((r) => r.fellBack).length / mine.length : 0,
    flakyItems: outcomes.filter((o) => o.flaky).length,
    ungradedChecks: mine.reduce((s, r) => s + r.assertions.filter((a) => a.ungraded).length, 0),
    cost: {
      total,
      perItem: perRun,
      perPass: total === null ? null : runPasses === 0 ? null : total / runPasses,
      per1000: perRun === null ? null : perRun * 1000,
      unknownRuns,
    },
  };
}
