// validateFlow: every structural problem at once, each with a JSON path and node id. Checks run
// on whatever parts of the file are usable, so one mistake does not hide the others.
import * as z from 'zod';
import { ancestorsOf, buildGraph, findCycles, reachableFrom } from './graph';
import { nodeRegistry } from './nodes';
import type { AnyNodeDefinition } from './nodes';
import { jsonPath, type Problem } from './problems';
import { flowSchema, FLOW_FORMAT_VERSION, handleOf, type FlowEdge } from './schema';
import { checkReferences } from './validate-refs';

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface CheckedNode {
  index: number;
  id: string;
  type: string;
  def?: AnyNodeDefinition;
  /** Parsed data when it matched the node type's schema. */
  data?: unknown;
  /** The data as written, for best-effort checks when it did not match. */
  raw?: unknown;
}

export function validateFlow(value: unknown): Problem[] {
  const problems: Problem[] = [];
  const add = (code: string, message: string, path: PropertyKey[], nodeId?: string, severity: Problem['severity'] = 'error') =>
    problems.push({ code, message, path: jsonPath(path), nodeId, severity });
  if (!isObject(value)) {
    add('schema', 'a flow is a JSON object', []);
    return problems;
  }
  if (value.version !== FLOW_FORMAT_VERSION) {
    add(
      'unsupported_version',
      `unsupported format version ${JSON.stringify(value.version)}; this Weir reads version ${FLOW_FORMAT_VERSION}`,
      ['version'],
    );
  }
  const rawNodes = Array.isArray(value.nodes) ? value.nodes : [];
  const rawEdges = Array.isArray(value.edges) ? value.edges : [];
  const nodeIdAt = (i: unknown) =>
    typeof i === 'number' && isObject(rawNodes[i]) && typeof rawNodes[i].id === 'string' ? (rawNodes[i].id as string) : undefined;

  const parsed = flowSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'version') continue; // reported above, more clearly
      const nodeId = issue.path[0] === 'nodes' ? nodeIdAt(issue.path[1]) : undefined;
      add('schema', issue.message, issue.path, nodeId);
    }
  }

  // Nodes: ids, types, per-type data.
  const nodes: CheckedNode[] = [];
  const byId = new Map<string, CheckedNode>();
  rawNodes.forEach((raw, index) => {
    if (!isObject(raw) || typeof raw.id !== 'string' || typeof raw.type !== 'string') return;
    const node: CheckedNode = { index, id: raw.id, type: raw.type, def: nodeRegistry.get(raw.type), raw: raw.data };
    if (byId.has(node.id)) {
      add('duplicate_id', `node id "${node.id}" is used more than once`, ['nodes', index, 'id'], node.id);
      return;
    }
    byId.set(node.id, node);
    nodes.push(node);
    if (!node.def) {
      add(
        'unknown_node_type',
        `unknown node type "${node.type}" (known: ${[...nodeRegistry.keys()].join(', ')})`,
        ['nodes', index, 'type'],
        node.id,
      );
      return;
    }
    const data = node.def.data.safeParse(raw.data ?? {});
    if (data.success) node.data = data.data;
    else for (const issue of data.error.issues) add('invalid_data', issue.message, ['nodes', index, 'data', ...issue.path], node.id);
  });

  const inputs = nodes.filter((n) => n.type === 'input');
  if (inputs.length === 0) add('missing_input', 'the flow has no input node', ['nodes']);
  for (const extra of inputs.slice(1)) add('multiple_inputs', 'a flow has exactly one input node', ['nodes', extra.index], extra.id);

  // Edges: endpoints and handles.
  const edges: FlowEdge[] = [];
  const seenEdges = new Set<string>();
  rawEdges.forEach((raw, index) => {
    if (!isObject(raw) || typeof raw.source !== 'string' || typeof raw.target !== 'string') return;
    const edge: FlowEdge = {
      source: raw.source,
      target: raw.target,
      ...(typeof raw.sourceHandle === 'string' ? { sourceHandle: raw.sourceHandle } : {}),
    };
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    const before = problems.length; // an edge with any problem stays out of the graph checks
    if (!source) add('edge_unknown_node', `edge source "${edge.source}" is not a node`, ['edges', index, 'source']);
    if (!target) add('edge_unknown_node', `edge target "${edge.target}" is not a node`, ['edges', index, 'target']);
    if (source?.def && source.data !== undefined) {
      const handles = source.def.handles(source.data).map((h) => h.id);
      if (!handles.includes(handleOf(edge))) {
        const known = handles.length ? handles.join(', ') : 'none: nothing leaves this node';
        add(
          'edge_unknown_handle',
          `node "${edge.source}" has no handle "${handleOf(edge)}" (handles: ${known})`,
          ['edges', index, 'sourceHandle'],
          edge.source,
        );
      }
    }
    if (target?.def && !target.def.acceptsInput)
      add('edge_into_input', `nothing may connect into the ${target.type} node "${target.id}"`, ['edges', index, 'target'], target.id);
    if (edge.source === edge.target) add('cycle', `node "${edge.source}" connects to itself`, ['edges', index], edge.source);
    const key = `${edge.source}:${handleOf(edge)}->${edge.target}`;
    if (seenEdges.has(key)) add('duplicate_edge', `edge ${key} appears twice`, ['edges', index], edge.source, 'warning');
    seenEdges.add(key);
    if (problems.length === before) edges.push(edge);
  });

  const graph = buildGraph(
    nodes.map((n) => n.id),
    edges,
  );
  const cycles = findCycles(graph).filter((c) => c.length > 2);
  for (const cycle of cycles) add('cycle', `cycle: ${cycle.join(' → ')}`, ['edges'], cycle[0]);

  if (inputs.length > 0) {
    const reachable = reachableFrom(graph, [inputs[0].id]);
    for (const n of nodes)
      if (!reachable.has(n.id)) add('unreachable', `node "${n.id}" is not reachable from the input`, ['nodes', n.index], n.id);
    const outputs = nodes.filter((n) => n.type === 'output' && reachable.has(n.id));
    if (outputs.length === 0) add('no_output', 'no output node is reachable from the input', ['nodes']);
    else {
      const leadsToOutput = new Set(outputs.flatMap((o) => [o.id, ...ancestorsOf(graph, o.id)]));
      for (const n of nodes) {
        if (reachable.has(n.id) && !leadsToOutput.has(n.id))
          add('dead_end', `node "${n.id}" leads to no output`, ['nodes', n.index], n.id, 'warning');
      }
    }
  }

  for (const n of nodes) {
    if (n.type !== 'condition' || n.data === undefined) continue;
    const connected = new Set((graph.out.get(n.id) ?? []).map(handleOf));
    if (!connected.has('default'))
      add('condition_without_default', `condition "${n.id}" has nothing connected to its default handle`, ['nodes', n.index], n.id);
    const cases = (n.data as { cases: { id: string }[] }).cases;
    const seen = new Set<string>();
    cases.forEach((c, i) => {
      if (seen.has(c.id)) add('duplicate_case', `case id "${c.id}" is used twice`, ['nodes', n.index, 'data', 'cases', i, 'id'], n.id);
      seen.add(c.id);
      if (!connected.has(c.id))
        add('unconnected_case', `case "${c.id}" leads nowhere`, ['nodes', n.index, 'data', 'cases', i], n.id, 'warning');
    });
  }

  if (cycles.length === 0) checkReferences(nodes, graph, isObject(value.input) ? value.input : {}, add);
  return problems;
}

export const problemSchema = z.object({
  code: z.string(),
  message: z.string(),
  path: z.string(),
  nodeId: z.string().optional(),
  severity: z.enum(['error', 'warning']),
});
