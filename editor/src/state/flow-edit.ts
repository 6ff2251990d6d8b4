// Pure edits of a flow document: every editor action is one of these, so undo, tests and the
// canvas all see the same immutable Flow objects.
import type { Flow, FlowEdge, FlowNode } from '../engine';
import { MAIN_HANDLE, nodeRegistry } from '../engine';
import { renameRefsInNode } from './rename-refs';

export type XY = { x: number; y: number };

const round = (p: XY): XY => ({ x: Math.round(p.x), y: Math.round(p.y) });

/** A fresh node id for a type: classify, classify_2 ... (ids appear in templates, so keep them short). */
export function uniqueNodeId(flow: Flow, base: string, taken: Set<string> = new Set(flow.nodes.map((n) => n.id))): string {
  const stem = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[^A-Za-z]+/, '') || 'node';
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.has(`${stem}_${i}`)) return `${stem}_${i}`;
}

export function addNode(flow: Flow, type: string, position: XY, id?: string): { flow: Flow; id: string } {
  const def = nodeRegistry.get(type);
  if (!def) throw new Error(`unknown node type ${type}`);
  const nodeId = id ?? uniqueNodeId(flow, type);
  const node: FlowNode = { id: nodeId, type, position: round(position), data: def.defaults() };
  return { flow: { ...flow, nodes: [...flow.nodes, node] }, id: nodeId };
}

export function removeElements(flow: Flow, nodeIds: Iterable<string>, edgeKeys: Iterable<string> = []): Flow {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeKeys);
  if (!nodes.size && !edges.size) return flow;
  return {
    ...flow,
    nodes: flow.nodes.filter((n) => !nodes.has(n.id)),
    edges: flow.edges.filter((e) => !nodes.has(e.source) && !nodes.has(e.target) && !edges.has(edgeKey(e))),
  };
}

/** A stable id for an edge: flow edges have none of their own. */
export const edgeKey = (e: FlowEdge): string => `${e.source}:${e.sourceHandle ?? MAIN_HANDLE}->${e.target}`;

export function connect(flow: Flow, source: string, sourceHandle: string | null | undefined, target: string): Flow {
  if (source === target) return flow;
  const edge: FlowEdge = { source, target };
  if (sourceHandle && sourceHandle !== MAIN_HANDLE) edge.sourceHandle = sourceHandle;
  if (flow.edges.some((e) => edgeKey(e) === edgeKey(edge))) return flow;
  return { ...flow, edges: [...flow.edges, edge] };
}

export function moveNodes(flow: Flow, positions: Map<string, XY>): Flow {
  if (!positions.size) return flow;
  return { ...flow, nodes: flow.nodes.map((n) => (positions.has(n.id) ? { ...n, position: round(positions.get(n.id)!) } : n)) };
}

export function setNodeData(flow: Flow, id: string, data: Record<string, unknown>): Flow {
  return { ...flow, nodes: flow.nodes.map((n) => (n.id === id ? { ...n, data } : n)) };
}

/** Renames a node, rewires its edges and rewrites `nodes.<id>` in every template and expression. */
export function renameNode(flow: Flow, from: string, to: string): Flow {
  if (from === to || flow.nodes.some((n) => n.id === to)) return flow;
  return {
    ...flow,
    nodes: flow.nodes.map((n) => renameRefsInNode(n.id === from ? { ...n, id: to } : n, from, to)),
    edges: flow.edges.map((e) => ({ ...e, source: e.source === from ? to : e.source, target: e.target === from ? to : e.target })),
  };
}

export interface Clip {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** The selected nodes and the edges between them. */
export function copySelection(flow: Flow, ids: Set<string>): Clip {
  return { nodes: flow.nodes.filter((n) => ids.has(n.id)), edges: flow.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

/** Pastes with fresh ids, offset so the copies do not hide the originals. Returns the new ids. */
export function paste(flow: Flow, clip: Clip, offset: XY = { x: 40, y: 40 }): { flow: Flow; ids: string[] } {
  const taken = new Set(flow.nodes.map((n) => n.id));
  const rename = new Map<string, string>();
  for (const n of clip.nodes) {
    const id = uniqueNodeId(flow, n.id.replace(/_\d+$/, ''), taken);
    taken.add(id);
    rename.set(n.id, id);
  }
  const nodes = clip.nodes.map((n) => ({
    ...n,
    id: rename.get(n.id)!,
    position: round({ x: n.position.x + offset.x, y: n.position.y + offset.y }),
  }));
  const edges = clip.edges.map((e) => ({ ...e, source: rename.get(e.source)!, target: rename.get(e.target)! }));
  return { flow: { ...flow, nodes: [...flow.nodes, ...nodes], edges: [...flow.edges, ...edges] }, ids: nodes.map((n) => n.id) };
}

/** A new flow: an input with a question, an empty output, ready to build on. */
export function newFlow(id: string, name: string): Flow {
  return {
    $schema: './flow.schema.json',
    version: 1,
    id,
    name,
    description: '',
    input: { fields: { question: { type: 'string', required: true } } },
    examples: [],
    nodes: [],
    edges: [],
  };
}

export const slugify = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64) || 'flow';
