// Derives React Flow nodes and edges from the flow document, reusing objects for nodes whose
// inputs did not change so a 500-node canvas re-renders only what moved.
import type { Edge, Node } from '@xyflow/react';
import type { Flow, FlowNode, Problem } from '../engine';
import { MAIN_HANDLE } from '../engine';
import { edgeKey } from './flow-edit';

export type RunStatus = 'running' | 'ok' | 'skipped' | 'failed' | 'fell_back';

export interface WeirNodeData extends Record<string, unknown> {
  node: FlowNode;
  problems: Problem[];
  status?: RunStatus;
}

export type WeirNode = Node<WeirNodeData, 'weir'>;

export interface Decorations {
  selected: Set<string>;
  problemsByNode: Map<string, Problem[]>;
  status: Map<string, RunStatus>;
  measured: Map<string, { width: number; height: number }>;
}

const NO_PROBLEMS: Problem[] = [];

export function createNodeCache() {
  const cache = new Map<string, { key: unknown[]; node: WeirNode }>();
  return (flow: Flow, d: Decorations): WeirNode[] =>
    flow.nodes.map((n) => {
      const problems = d.problemsByNode.get(n.id) ?? NO_PROBLEMS;
      const key = [n, d.selected.has(n.id), problems, d.status.get(n.id), d.measured.get(n.id)];
      const hit = cache.get(n.id);
      if (hit && hit.key.every((v, i) => v === key[i])) return hit.node;
      const node: WeirNode = {
        id: n.id,
        type: 'weir',
        position: n.position,
        selected: d.selected.has(n.id),
        measured: d.measured.get(n.id),
        // A size before measuring, so fit view and culling work for nodes not drawn yet.
        initialWidth: 210,
        initialHeight: 80,
        data: { node: n, problems, status: d.status.get(n.id) },
      };
      cache.set(n.id, { key, node });
      return node;
    });
}

export function toEdges(flow: Flow, selected: Set<string>, taken: Set<string>, running: boolean): Edge[] {
  return flow.edges.map((e) => {
    const id = edgeKey(e);
    const handle = e.sourceHandle ?? MAIN_HANDLE;
    const isTaken = taken.has(id);
    return {
      id,
      source: e.source,
      sourceHandle: handle,
      target: e.target,
      selected: selected.has(id),
      animated: running && isTaken,
      className: isTaken ? 'edge-taken' : taken.size ? 'edge-untaken' : undefined,
      label: handle === MAIN_HANDLE ? undefined : handle,
    };
  });
}

/** Edges the last run went along: from a node that finished on that handle to a node that ran. */
export function takenEdges(flow: Flow, status: Map<string, RunStatus>, handles: Map<string, string>): Set<string> {
  const taken = new Set<string>();
  for (const e of flow.edges) {
    const from = status.get(e.source);
    const to = status.get(e.target);
    if (!from || from === 'skipped' || from === 'running' || !to || to === 'skipped') continue;
    if ((handles.get(e.source) ?? MAIN_HANDLE) === (e.sourceHandle ?? MAIN_HANDLE)) taken.add(edgeKey(e));
  }
  return taken;
}
