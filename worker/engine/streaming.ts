// Which model nodes stream their tokens as the flow's answer: those feeding an output node
// directly whose mapping uses them (or that has no mapping).
import { expressionNodeRefs } from './expression';
import type { AnyNodeDefinition } from './nodes';
import type { Flow } from './schema';

export function streamingNodes(flow: Flow, defs: Map<string, AnyNodeDefinition>): Set<string> {
  const result = new Set<string>();
  for (const edge of flow.edges) {
    const target = flow.nodes.find((n) => n.id === edge.target);
    if (target?.type !== 'output' || !defs.get(edge.source)?.callsModel) continue;
    const exprs = defs.get(target.id)!.expressions(target.data);
    if (exprs.length === 0 || exprs.some((e) => expressionNodeRefs(e.source).includes(edge.source))) result.add(edge.source);
  }
  return result;
}
