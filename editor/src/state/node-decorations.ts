// Per-node decorations (validation problems, last run status) in a small external store keyed by
// node id. Canvas nodes subscribe to their own entry, so a new validation pass or a run event
// re-renders only the nodes whose decoration changed, never all 500.
import type { Problem, TraceEntry } from '../engine';
import type { RunStatus } from './to-react-flow';

export interface NodeDecoration {
  problems: Problem[];
  errors: number;
  status?: RunStatus;
  /** The node's entry in the last run's trace: output preview, latency and tokens on its card. */
  trace?: TraceEntry;
}

const EMPTY: NodeDecoration = { problems: [], errors: 0 };

const sameProblems = (a: Problem[], b: Problem[]) =>
  a.length === b.length &&
  a.every((p, i) => p.code === b[i].code && p.message === b[i].message && p.path === b[i].path && p.severity === b[i].severity);

/** Groups problems by node id in one pass. */
export function problemsByNode(problems: Problem[]): Map<string, Problem[]> {
  const map = new Map<string, Problem[]>();
  for (const p of problems) {
    if (!p.nodeId) continue;
    const list = map.get(p.nodeId);
    if (list) list.push(p);
    else map.set(p.nodeId, [p]);
  }
  return map;
}

export interface DecorationStore {
  get: (id: string) => NodeDecoration;
  subscribe: (listener: () => void) => () => void;
  /** Replaces every decoration; entries that did not change keep their identity. */
  set: (problems: Problem[], status: ReadonlyMap<string, RunStatus>, trace?: readonly TraceEntry[]) => void;
}

export function createDecorationStore(): DecorationStore {
  let byId = new Map<string, NodeDecoration>();
  const listeners = new Set<() => void>();
  return {
    get: (id) => byId.get(id) ?? EMPTY,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(problems, status, trace = []) {
      const grouped = problemsByNode(problems);
      const traces = new Map(trace.map((t) => [t.nodeId, t]));
      const next = new Map<string, NodeDecoration>();
      let changed = false;
      for (const id of new Set([...grouped.keys(), ...status.keys(), ...traces.keys()])) {
        const list = grouped.get(id) ?? EMPTY.problems;
        const prev = byId.get(id);
        const s = status.get(id);
        const t = traces.get(id);
        if (prev && prev.status === s && prev.trace === t && sameProblems(prev.problems, list)) next.set(id, prev);
        else {
          next.set(id, { problems: list, errors: list.filter((p) => p.severity === 'error').length, status: s, trace: t });
          changed = true;
        }
      }
      if (!changed && next.size === byId.size) return;
      byId = next;
      for (const l of listeners) l();
    },
  };
}
