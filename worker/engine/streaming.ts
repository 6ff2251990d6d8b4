// Which model nodes stream their tokens as the flow's answer: those feeding an answer node
// directly whose mapping uses them (or that has no mapping). Also whether token events spell the
// answer verbatim (the chat endpoint streams them as the completion).
import { expressionNodeRefs } from './expression';
import { nodeRegistry, type AnyNodeDefinition } from './nodes';
import type { Flow } from './schema';

export function streamingNodes(flow: Flow, defs: Map<string, AnyNodeDefinition>, data: Map<string, unknown>): Set<string> {
  const result = new Set<string>();
  for (const edge of flow.edges) {
    const target = defs.get(edge.target);
    if (!target?.answersRun || !defs.get(edge.source)?.callsModel) continue;
    const exprs = target.expressions(data.get(edge.target));
    if (exprs.length === 0 || exprs.some((e) => expressionNodeRefs(e.source).includes(edge.source))) result.add(edge.source);
  }
  return result;
}

/** True when every answer node passes a model's text through as is, so streamed tokens are the answer. */
export function tokensSpellAnswer(flow: Flow): boolean {
  return flow.nodes.every((n) => {
    const def = nodeRegistry.get(n.type);
    if (!def?.answersRun) return true;
    try {
      return def.answerIsVerbatim?.(def.data.parse(n.data)) ?? false;
    } catch {
      return false;
    }
  });
}
