// validateFlow: every structural problem at once, each with a JSON path and node id. Checks run
// on whatever parts of the file are usable, so one mistake does not hide the others. Generic
// graph checks live here; each node type's own rules come from its definition (`check`). Cost
// is linear in nodes + edges, except the upstream query (bitsets, see graph.ts) and the
// two-answers check, which only runs when a flow has several answer nodes.
import { checkRetirements, type ModelRetirement } from './validate-retirement';
import * as z from 'zod';
import { buildGraph, findCycles, reachableFrom } from './graph';
import { DEFAULT_MAX_NODES } from './limits';
import { nodeRegistry } from './nodes';
import type { AnyNodeDefinition } from './nodes';
import { jsonPath, type Problem } from './problems';
import { flowSchema, FLOW_FORMAT_VERSION, handleOf, type FlowEdge } from './schema';
import type { PromptTemplate } from './types';
import { checkAnswers } from './validate-answers';
import { checkReferences } from './validate-refs';

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the caller knows beyond the file: its configuration and the prompts it can resolve. */
export interface ValidateOptions {
  /** Configured provider names; when given, a node naming another provider is flagged. */
  providers?: readonly string[];
  /** "error" where the configuration is authoritative (the worker), "warning" elsewhere (editor, CLI). */
  providerSeverity?: 'error' | 'warning';
  /** Resolved prompt templates by reference (name@label); their variables are checked against the flow. */
  prompts?: Readonly<Record<string, PromptTemplate | undefined>>;
  /** Cap on nodes (default 1000); the run refuses the same flows, so validation agrees with it. */
  maxNodes?: number;
  /** Models with retirement dates (the worker's model registry): used ones retired or retiring soon are warned about. */
  retirements?: readonly ModelRetirement[];
  /** YYYY-MM-DD the retirement check counts from (default today). */
  today?: string;
}

/** Input field names that would collide with JavaScript object internals. */
export const isReservedFieldName = (name: string): boolean => name.startsWith('__');

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

export type Add = (code: string, message: string, path: PropertyKey[], nodeId?: string, severity?: Problem['severity']) => void;

export function validateFlow(value: unknown, options: ValidateOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const add: Add = (code, message, path, nodeId, severity = 'error') => {
    problems.push({ code, message, path: jsonPath(path), nodeId, severity });
  };
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
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  if (rawNodes.length > maxNodes) {
    add('too_many_nodes', `the flow has ${rawNodes.length} nodes; at most ${maxNodes} can run (setting MAX_NODES)`, ['nodes']);
    // Far past the cap, checking the rest is wasted work on a flow that cannot run anyway.
    if (rawNodes.length > maxNodes * 4) return problems;
  }
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
  const inputDecl = isObject(value.input) ? value.input : {};
  const fields = isObject(inputDecl.fields) ? Object.keys(inputDecl.fields) : [];
  for (const name of fields)
    if (isReservedFieldName(name))
      add('reserved_field_name', `input field "${name}" is reserved (names starting with "__" are not allowed)`, ['input', 'fields', name]);

  // Nodes: ids, types, per-type data.
  const nodes: CheckedNode[] = [];
  const byId = new Map<string, CheckedNode>();
  rawNodes.forEach((raw, index) => {
    if (!isObject(raw) || typeof raw.id !== 'string' || typeof raw.type !== 'string') return;
    const def = nodeRegistry.get(raw.type);
    const node: CheckedNode = { index, id: raw.id, type: raw.type, def, raw: raw.data };
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

  const entries = nodes.filter((n) => n.def?.entry);
  const entryLabel = nodeRegistry.size ? [...nodeRegistry.values()].find((d) => d.entry)?.type : undefined;
  if (entries.length === 0) add('missing_input', `the flow has no ${entryLabel ?? 'entry'} node`, ['nodes']);
  for (const extra of entries.slice(1))
    add('multiple_inputs', `a flow has exactly one ${extra.type} node`, ['nodes', extra.index], extra.id);

  // Edges: endpoints and handles.
  const edges: FlowEdge[] = [];
  const seenEdges = new Set<string>();
  const handleCache = new Map<string, Set<string>>();
  const handlesOf = (n: CheckedNode) => {
    let set = handleCache.get(n.id);
    if (!set) handleCache.set(n.id, (set = new Set(n.def!.handles(n.data).map((h) => h.id))));
    return set;
  };
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
      const handles = handlesOf(source);
      if (!handles.has(handleOf(edge))) {
        const known = handles.size ? [...handles].join(', ') : 'none: nothing leaves this node';
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

  if (entries.length > 0) {
    const reachable = reachableFrom(graph, [entries[0].id]);
    for (const n of nodes)
      if (!reachable.has(n.id)) add('unreachable', `node "${n.id}" is not reachable from the input`, ['nodes', n.index], n.id);
    const answers = nodes.filter((n) => n.def?.answersRun && reachable.has(n.id));
    if (answers.length === 0) add('no_output', 'no output node is reachable from the input', ['nodes']);
    else {
      const leadsToAnswer = reachableFrom(
        graph,
        answers.map((o) => o.id),
        { backward: true },
      );
      for (const n of nodes) {
        if (reachable.has(n.id) && !leadsToAnswer.has(n.id))
          add('dead_end', `node "${n.id}" leads to no output`, ['nodes', n.index], n.id, 'warning');
      }
      if (answers.length > 1 && cycles.length === 0) checkAnswers(graph, entries[0].id, answers, byId, add);
    }
  }

  // Each node type's own rules, on data that matched its schema.
  for (const n of nodes) {
    if (!n.def?.check || n.data === undefined) continue;
    n.def.check({
      id: n.id,
      data: n.data,
      connectedHandles: new Set((graph.out.get(n.id) ?? []).map(handleOf)),
      providers: options.providers,
      providerSeverity: options.providerSeverity ?? 'warning',
      report: (code, message, path, severity = 'error') =>
        add(code, message, path.length ? ['nodes', n.index, 'data', ...path] : ['nodes', n.index], n.id, severity),
    });
  }

  if (cycles.length === 0) checkReferences(nodes, graph, fields, options.prompts ?? {}, add);
  problems.push(...checkRetirements(value, options.retirements ?? [], options.today));
  return problems;
}

export const problemSchema = z.object({
  code: z.string(),
  message: z.string(),
  path: z.string(),
  nodeId: z.string().optional(),
  severity: z.enum(['error', 'warning']),
});

/** The prompt references a flow's nodes make, so a caller can resolve them and pass `prompts`. */
export function promptRefsOf(value: unknown): string[] {
  const nodes = isObject(value) && Array.isArray(value.nodes) ? value.nodes : [];
  const refs = new Set<string>();
  for (const n of nodes) {
    const def = isObject(n) && typeof n.type === 'string' ? nodeRegistry.get(n.type) : undefined;
    if (!def || !isObject(n)) continue;
    try {
      for (const r of def.promptRefs(n.data)) if (typeof r.source === 'string') refs.add(r.source);
    } catch {
      // data the validator reports
    }
  }
  return [...refs];
}
