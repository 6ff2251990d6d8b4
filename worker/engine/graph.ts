// Graph helpers over a flow's nodes and edges, each O(nodes + edges): adjacency, reachability,
// cycles, a topological order and, for the upstream checks, ancestor sets as bitsets.
import { handleOf, type FlowEdge } from './schema';

export interface Graph {
  ids: string[];
  /** Outgoing edges per node id, in file order. */
  out: Map<string, FlowEdge[]>;
  /** Incoming edges per node id, in file order. */
  in: Map<string, FlowEdge[]>;
}

export function buildGraph(nodeIds: string[], edges: FlowEdge[]): Graph {
  const out = new Map<string, FlowEdge[]>(nodeIds.map((id) => [id, []]));
  const inc = new Map<string, FlowEdge[]>(nodeIds.map((id) => [id, []]));
  for (const edge of edges) {
    if (!out.has(edge.source) || !inc.has(edge.target)) continue;
    out.get(edge.source)!.push(edge);
    inc.get(edge.target)!.push(edge);
  }
  return { ids: nodeIds, out, in: inc };
}

/** Every node reachable from the start nodes, following edges forward (or backward), minus skipped edges. */
export function reachableFrom(
  graph: Graph,
  starts: string[],
  opts: { backward?: boolean; skip?: (e: FlowEdge) => boolean } = {},
): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of (opts.backward ? graph.in : graph.out).get(id) ?? [])
      if (!opts.skip?.(e)) stack.push(opts.backward ? e.source : e.target);
  }
  return seen;
}

/** Strict ancestors of a node (nodes with a path to it). */
export function ancestorsOf(graph: Graph, id: string): Set<string> {
  const seen = reachableFrom(graph, [id], { backward: true });
  seen.delete(id);
  return seen;
}

/** Each distinct cycle once, as the list of node ids along it (first id repeated at the end). Iterative DFS. */
export function findCycles(graph: Graph): string[][] {
  const state = new Map<string, 1 | 2>();
  const onStack = new Map<string, number>();
  const path: string[] = [];
  const cycles: string[][] = [];
  const seenKeys = new Set<string>();
  for (const root of graph.ids) {
    if (state.has(root)) continue;
    const frames: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 1);
    onStack.set(root, path.push(root) - 1);
    while (frames.length) {
      const frame = frames[frames.length - 1];
      const edges = graph.out.get(frame.id) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++].target;
        const s = state.get(target);
        if (s === undefined) {
          state.set(target, 1);
          onStack.set(target, path.push(target) - 1);
          frames.push({ id: target, next: 0 });
        } else if (s === 1) {
          const cycle = path.slice(onStack.get(target)!);
          const key = [...cycle].sort().join('|');
          if (!seenKeys.has(key)) {
            seenKeys.add(key);
            cycles.push([...cycle, target]);
          }
        }
      } else {
        frames.pop();
        path.pop();
        onStack.delete(frame.id);
        state.set(frame.id, 2);
      }
    }
  }
  return cycles;
}

/** A topological order (valid only for acyclic graphs): file order among ready nodes. */
export function topoOrder(graph: Graph): string[] {
  const indegree = new Map(graph.ids.map((id) => [id, graph.in.get(id)!.length]));
  const ready = graph.ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i];
    order.push(id);
    for (const e of graph.out.get(id)!) {
      const d = indegree.get(e.target)! - 1;
      indegree.set(e.target, d);
      if (d === 0) ready.push(e.target);
    }
  }
  return order;
}

/**
 * "Is `a` upstream of `b`?" for an acyclic graph: one bitset of ancestors per node, built in
 * topological order (edges × nodes/32 word operations, about 64K for a 1,000-node chain).
 */
export function upstreamIndex(graph: Graph): (a: string, b: string) => boolean {
  const index = new Map(graph.ids.map((id, i) => [id, i]));
  const words = Math.ceil(graph.ids.length / 32) || 1;
  const sets = new Map<string, Uint32Array>();
  for (const id of topoOrder(graph)) {
    const set = new Uint32Array(words);
    for (const e of graph.in.get(id) ?? []) {
      const parent = sets.get(e.source);
      if (!parent) continue;
      for (let w = 0; w < words; w++) set[w] |= parent[w];
      const i = index.get(e.source)!;
      set[i >>> 5] |= 1 << (i & 31);
    }
    sets.set(id, set);
  }
  return (a, b) => {
    const i = index.get(a);
    const set = sets.get(b);
    return i !== undefined && set !== undefined && (set[i >>> 5] & (1 << (i & 31))) !== 0;
  };
}

export const edgeKey = (e: FlowEdge): string => `${e.source}:${handleOf(e)}->${e.target}`;
