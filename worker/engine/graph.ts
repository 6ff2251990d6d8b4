// Graph helpers over a flow's nodes and edges: adjacency, reachability, ancestors and cycles.
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

/** Every node reachable from the start nodes (following edges forward). */
export function reachableFrom(graph: Graph, starts: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of graph.out.get(id) ?? []) stack.push(e.target);
  }
  return seen;
}

/** Strict ancestors of a node (nodes with a path to it). */
export function ancestorsOf(graph: Graph, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = (graph.in.get(id) ?? []).map((e) => e.source);
  while (stack.length) {
    const cur = stack.pop()!;
    if (seen.has(cur)) continue;
    seen.add(cur);
    for (const e of graph.in.get(cur) ?? []) stack.push(e.source);
  }
  return seen;
}

/** Each distinct cycle once, as the list of node ids along it (first id repeated at the end). */
export function findCycles(graph: Graph): string[][] {
  const state = new Map<string, 0 | 1 | 2>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seenKeys = new Set<string>();
  const visit = (id: string) => {
    state.set(id, 1);
    stack.push(id);
    for (const e of graph.out.get(id) ?? []) {
      const s = state.get(e.target) ?? 0;
      if (s === 0) visit(e.target);
      else if (s === 1) {
        const cycle = stack.slice(stack.indexOf(e.target));
        const key = [...cycle].sort().join('|');
        if (!seenKeys.has(key)) {
          seenKeys.add(key);
          cycles.push([...cycle, e.target]);
        }
      }
    }
    stack.pop();
    state.set(id, 2);
  };
  for (const id of graph.ids) if ((state.get(id) ?? 0) === 0) visit(id);
  return cycles;
}

/** A topological order (valid only for acyclic graphs): file order among ready nodes. */
export function topoOrder(graph: Graph): string[] {
  const indegree = new Map(graph.ids.map((id) => [id, graph.in.get(id)!.length]));
  const ready = graph.ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const e of graph.out.get(id)!) {
      const d = indegree.get(e.target)! - 1;
      indegree.set(e.target, d);
      if (d === 0) ready.push(e.target);
    }
  }
  return order;
}

export const edgeKey = (e: FlowEdge): string => `${e.source}:${handleOf(e)}->${e.target}`;
