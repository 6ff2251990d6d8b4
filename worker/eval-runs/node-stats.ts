// Per variant and node, from an eval run's cells: how many runs went through the node, the pass
// rate of those runs, its error and fallback rates, its p50 latency, its cost, and how often each
// source handle was taken. The canvas overlay draws these.
import { quantile } from '../evals/stats-intervals';
import { cellNodes, type CellRow } from './run-rows';
import type { NodeStats } from './types';

interface Acc {
  runs: number;
  passes: number;
  errors: number;
  fallbacks: number;
  ms: number[];
  cost: number | null;
  handles: Map<string, number>;
}

export function nodeStats(cells: readonly Pick<CellRow, 'variant' | 'pass' | 'nodes'>[]): NodeStats {
  const acc = new Map<string, Map<string, Acc>>();
  for (const cell of cells) {
    let byNode = acc.get(cell.variant);
    if (!byNode) acc.set(cell.variant, (byNode = new Map()));
    for (const n of cellNodes(cell)) {
      let a = byNode.get(n.id);
      if (!a) byNode.set(n.id, (a = { runs: 0, passes: 0, errors: 0, fallbacks: 0, ms: [], cost: 0, handles: new Map() }));
      a.runs++;
      if (cell.pass === 1) a.passes++;
      if (n.status === 'failed') a.errors++;
      if (n.status === 'fell_back') a.fallbacks++;
      if (n.ms !== undefined) a.ms.push(n.ms);
      if (n.cost !== undefined) a.cost = n.cost === null || a.cost === null ? null : a.cost + n.cost;
      if (n.handle) a.handles.set(n.handle, (a.handles.get(n.handle) ?? 0) + 1);
    }
  }
  const out: NodeStats = {};
  for (const [variant, byNode] of acc) {
    out[variant] = {};
    for (const [id, a] of byNode)
      out[variant][id] = {
        runs: a.runs,
        passRate: a.passes / a.runs,
        errorRate: a.errors / a.runs,
        p50LatencyMs: a.ms.length ? quantile(a.ms, 0.5) : 0,
        costUsd: a.cost,
        fallbackRate: a.fallbacks / a.runs,
        handles: Object.fromEntries([...a.handles].map(([h, n]) => [h, n / a.runs])),
      };
  }
  return out;
}
