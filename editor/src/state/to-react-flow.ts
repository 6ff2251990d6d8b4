// Derives React Flow nodes and edges from the flow document. Both are cached by id: a node or
// edge object is rebuilt only when its own inputs change, so a drag or a selection on a
// 500-node canvas hands React Flow new objects for what moved and nothing else. Problems and run
// status are not node props; they live in the decoration store (node-decorations.ts).
import type { Edge, Node } from '@xyflow/react';
import type { Flow, FlowNode } from '../engine';
import { MAIN_HANDLE } from '../engine';
import { edgeKey } from './flow-edit';
import { estimatedHandles } from './node-handles';

export type RunStatus = 'running' | 'ok' | 'skipped' | 'failed' | 'fell_back';

export interface WeirNodeData extends Record<string, unknown> {
  node: FlowNode;
}

export type WeirNode = Node<WeirNodeData, 'weir'>;

type Size = { width: number; height: number };

export function createNodeCache() {
  const cache = new Map<string, { node: WeirNode; source: FlowNode; selected: boolean; measured?: Size }>();
  return (flow: Flow, selected: ReadonlySet<string>, measured: ReadonlyMap<string, Size>): WeirNode[] => {
    const seen = new Set<string>();
    const out = flow.nodes.map((n) => {
      seen.add(n.id);
      const isSelected = selected.has(n.id);
      const size = measured.get(n.id);
      const hit = cache.get(n.id);
      if (hit && hit.source === n && hit.selected === isSelected && hit.measured === size) return hit.node;
      const node: WeirNode = {
        id: n.id,
        type: 'weir',
        position: n.position,
        selected: isSelected,
        measured: size,
        // A size before measuring, so fit view and culling work for nodes not drawn yet.
        initialWidth: 220,
        initialHeight: 84,
        // Until drawn, estimated handles: React Flow then skips drawing off-screen nodes just to
        // measure them. Measured nodes leave this out so React Flow keeps the handles it measured.
        handles: size ? undefined : estimatedHandles(n),
        // The data object changes only with the flow node, so the memoised node view skips the rest.
        data: hit && hit.source === n ? hit.node.data : { node: n },
      };
      cache.set(n.id, { node, source: n, selected: isSelected, measured: size });
      return node;
    });
    if (cache.size > seen.size) for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    return out;
  };
}

export function createEdgeCache() {
  const cache = new Map<string, { edge: Edge; source: Flow['edges'][number]; selected: boolean; className?: string; animated: boolean }>();
  return (flow: Flow, selected: ReadonlySet<string>, taken: ReadonlySet<string>, running: boolean): Edge[] => {
    const seen = new Set<string>();
    const out = flow.edges.map((e) => {
      const id = edgeKey(e);
      seen.add(id);
      const isTaken = taken.has(id);
      const isSelected = selected.has(id);
      const className = isTaken ? 'edge-taken' : taken.size ? 'edge-untaken' : undefined;
      const animated = running && isTaken;
      const hit = cache.get(id);
      if (hit && hit.source === e && hit.selected === isSelected && hit.className === className && hit.animated === animated)
        return hit.edge;
      // No edge label: the handle's name is on its row of the source node.
      const edge: Edge = {
        id,
        source: e.source,
        sourceHandle: e.sourceHandle ?? MAIN_HANDLE,
        target: e.target,
        selected: isSelected,
        animated,
        className,
      };
      cache.set(id, { edge, source: e, selected: isSelected, className, animated });
      return edge;
    });
    if (cache.size > seen.size) for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    return out;
  };
}

/** Edges the last run went along: from a node that finished on that handle to a node that ran. */
export function takenEdges(flow: Flow, status: ReadonlyMap<string, RunStatus>, handles: ReadonlyMap<string, string>): Set<string> {
  const taken = new Set<string>();
  if (!status.size) return taken;
  for (const e of flow.edges) {
    const from = status.get(e.source);
    const to = status.get(e.target);
    if (!from || from === 'skipped' || from === 'running' || !to || to === 'skipped') continue;
    if ((handles.get(e.source) ?? MAIN_HANDLE) === (e.sourceHandle ?? MAIN_HANDLE)) taken.add(edgeKey(e));
  }
  return taken;
}
