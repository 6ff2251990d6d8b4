// An eval run's results in the shape the view draws: per item × variant the outcome over its
// repeats, and per variant the header figures. Once the run is done they come from the report
// (what the CLI prints); while it runs they are computed from the cells that have arrived, with
// the same rules: an item passes when most of its repeats pass, a missing or failed run fails.
import { quantile, wilson, type Interval } from '../../../../worker/evals/stats-intervals';
import type { Cell, EvalReport } from './evals-api';

export interface Outcome {
  pass: boolean;
  score: number;
  passes: number;
  runs: number;
  flaky: boolean;
  /** Every repeat's cell, in repeat order. */
  cells: Cell[];
  reasons: string[];
}

export interface ColumnStats {
  name: string;
  description?: string;
  items: number;
  passed: number;
  passRate: number;
  interval: Interval;
  p50Ms: number | null;
  costPerItem: number | null;
  costPerPass: number | null;
  flaky: number;
  fallbackRate?: number;
}

export interface Results {
  variants: string[];
  items: { id: string; tags?: string[] }[];
  outcome: (itemId: string, variant: string) => Outcome | undefined;
  columns: ColumnStats[];
  /** Latencies of every run per variant (for the distribution chart). */
  latencies: Record<string, number[]>;
  live: boolean;
}

const key = (item: string, variant: string) => `${item}\u0000${variant}`;

export function buildResults(report: EvalReport | null, cells: readonly Cell[], variantNames: readonly string[]): Results {
  const byKey = new Map<string, Cell[]>();
  for (const c of cells) byKey.set(key(c.itemId, c.variant), [...(byKey.get(key(c.itemId, c.variant)) ?? []), c]);
  for (const list of byKey.values()) list.sort((a, b) => a.repeat - b.repeat);
  const variants = report ? report.variants.map((v) => v.name) : [...variantNames];
  const latencies: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v, [] as number[]]));
  for (const c of cells) latencies[c.variant]?.push(c.latencyMs);

  if (report) {
    const rows = new Map(report.items.map((i) => [i.id, i]));
    return {
      variants,
      items: report.items.map((i) => ({ id: i.id, ...(i.tags ? { tags: i.tags } : {}) })),
      outcome: (itemId, variant) => {
        const o = rows.get(itemId)?.variants[variant];
        return o && { ...o, cells: byKey.get(key(itemId, variant)) ?? [] };
      },
      columns: report.variants.map((v) => ({
        name: v.name,
        ...(v.description ? { description: v.description } : {}),
        items: v.items,
        passed: v.passed,
        passRate: v.passRate,
        interval: v.interval,
        p50Ms: v.runs ? v.latencyMs.p50 : null,
        costPerItem: v.cost.perItem,
        costPerPass: v.cost.perPass,
        flaky: v.flakyItems,
        fallbackRate: v.fallbackRate,
      })),
      latencies,
      live: false,
    };
  }

  // Live: the items seen so far, in arrival order.
  const itemIds = [...new Set(cells.map((c) => c.itemId))];
  const outcome = (itemId: string, variant: string): Outcome | undefined => {
    const mine = byKey.get(key(itemId, variant));
    if (!mine?.length) return undefined;
    const passes = mine.filter((c) => c.pass).length;
    // The repeats that have arrived: a run's own repeats are only known once its report exists.
    const n = mine.length;
    return {
      pass: passes * 2 > n,
      score: mine.reduce((s, c) => s + c.score, 0) / n,
      passes,
      runs: n,
      flaky: passes > 0 && passes < n,
      cells: mine,
      reasons: [...new Set(mine.flatMap((c) => c.reasons))].slice(0, 5),
    };
  };
  const columns = variants.map((name): ColumnStats => {
    const mine = cells.filter((c) => c.variant === name);
    const done = itemIds.map((id) => outcome(id, name)).filter((o): o is Outcome => !!o);
    const passed = done.filter((o) => o.pass).length;
    const unknown = mine.some((c) => c.costUsd === null);
    const total = unknown || !mine.length ? null : mine.reduce((s, c) => s + (c.costUsd ?? 0), 0);
    const runPasses = mine.filter((c) => c.pass).length;
    return {
      name,
      items: done.length,
      passed,
      passRate: done.length ? passed / done.length : 0,
      interval: wilson(passed, done.length),
      p50Ms: mine.length ? quantile(mine.map((c) => c.latencyMs), 0.5) : null,
      costPerItem: total === null ? null : total / mine.length,
      costPerPass: total === null || !runPasses ? null : total / runPasses,
      flaky: done.filter((o) => o.flaky).length,
    };
  });
  return { variants, items: itemIds.map((id) => ({ id })), outcome, columns, latencies, live: true };
}

/** The McNemar result and flipped items for two variants, from the report (either order). */
export function pairOf(report: EvalReport | null, a: string, b: string) {
  const pair = report?.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  if (!pair) return undefined;
  const swapped = pair.a !== a;
  return {
    pValue: pair.mcnemar.pValue,
    significant: pair.significant,
    /** a passed, b failed. */
    aOnly: swapped ? pair.mcnemar.c : pair.mcnemar.b,
    bOnly: swapped ? pair.mcnemar.b : pair.mcnemar.c,
  };
}
