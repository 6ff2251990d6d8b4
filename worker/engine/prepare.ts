// prepareFlow: validate a flow once and keep what every run of it needs (node definitions,
// parsed data, the graph, connected handles, which nodes stream). Runs of the same flow object
// reuse it, so a warm run does no validation.
import { WeirError } from './errors';
import { buildGraph, type Graph } from './graph';
import { nodeRegistry, type AnyNodeDefinition } from './nodes';
import { hasErrors } from './problems';
import { handleOf, type Flow } from './schema';
import { streamingNodes } from './streaming';
import { defaultLimits } from './types';
import { validateFlow } from './validate';

export interface PreparedFlow {
  flow: Flow;
  defs: Map<string, AnyNodeDefinition>;
  data: Map<string, unknown>;
  graph: Graph;
  streamTo: Set<string>;
  /** Source handles with at least one outgoing edge, per node. */
  connected: Map<string, ReadonlySet<string>>;
}

const prepared = new WeakMap<Flow, Map<number, PreparedFlow>>();

/** Validates once and keeps what every run needs; runs of the same flow object reuse it. */
export function prepareFlow(flow: Flow, opts: { maxNodes?: number } = {}): PreparedFlow {
  const maxNodes = opts.maxNodes ?? defaultLimits.maxNodes;
  const hit = prepared.get(flow)?.get(maxNodes);
  if (hit) return hit;
  const problems = validateFlow(flow, { maxNodes });
  if (hasErrors(problems))
    throw new WeirError('invalid_flow', 'the flow is invalid and cannot run', {
      details: { issues: problems.filter((p) => p.severity === 'error') },
    });
  const defs = new Map<string, AnyNodeDefinition>();
  const data = new Map<string, unknown>();
  for (const n of flow.nodes) {
    const def = nodeRegistry.get(n.type)!;
    defs.set(n.id, def);
    data.set(n.id, def.data.parse(n.data));
  }
  const graph = buildGraph(
    flow.nodes.map((n) => n.id),
    flow.edges,
  );
  const connected = new Map(flow.nodes.map((n) => [n.id, new Set(graph.out.get(n.id)!.map(handleOf)) as ReadonlySet<string>]));
  const plan = { flow, defs, data, graph, connected, streamTo: streamingNodes(flow, defs, data) };
  if (!prepared.has(flow)) prepared.set(flow, new Map());
  prepared.get(flow)!.set(maxNodes, plan);
  return plan;
}
