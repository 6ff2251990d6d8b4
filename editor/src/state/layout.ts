// Automatic layout with dagre: left to right, ranks by dependency, sizes from the measured nodes.
import dagre from '@dagrejs/dagre';
import type { Flow } from '../engine';
import type { XY } from './flow-edit';

export function layoutFlow(flow: Flow, measured: Map<string, { width: number; height: number }>): Map<string, XY> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of flow.nodes) {
    const size = measured.get(n.id) ?? { width: 220, height: 90 };
    g.setNode(n.id, { width: size.width, height: size.height });
  }
  for (const e of flow.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out = new Map<string, XY>();
  for (const n of flow.nodes) {
    const p = g.node(n.id) as { x: number; y: number; width: number; height: number };
    out.set(n.id, { x: p.x - p.width / 2, y: p.y - p.height / 2 });
  }
  return out;
}
