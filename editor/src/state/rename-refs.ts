// Rewrites references to a renamed node inside node data. Which references there are, and where,
// comes from the engine's one reference finder (worker/engine/refs.ts), the same one the
// validator uses: CEL through the CEL parser (so text inside string literals is never touched),
// Mustache through its own tokens. Which data fields hold templates and expressions comes from
// each node type's declaration.
import { nodeRegistry, renameNodeReferences, type FlowNode } from '../engine';

/** `{{nodes.from.output}}` -> `{{nodes.to.output}}`, sections and their closing tags included. */
export const renameInTemplate = (text: string, from: string, to: string): string => renameNodeReferences(text, 'template', from, to);

/** `nodes.from` and `nodes["from"]` in a CEL expression, never inside string literals. */
export const renameInExpression = (source: string, from: string, to: string): string =>
  renameNodeReferences(source, 'expression', from, to);

function setAt(value: unknown, path: (string | number)[], next: string): unknown {
  if (!path.length) return next;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head] = setAt(copy[head], rest, next);
  return copy;
}

/** The node's data with every template and expression naming `from` rewritten to `to`. */
export function renameRefsInNode(node: FlowNode, from: string, to: string): FlowNode {
  const def = nodeRegistry.get(node.type);
  if (!def) return node;
  const refs = (fn: () => { path: (string | number)[]; source: string }[]) => {
    try {
      return fn().filter((r) => typeof r.source === 'string');
    } catch {
      return []; // data that does not fit its schema: nothing to rewrite safely
    }
  };
  let data: unknown = node.data;
  for (const t of refs(() => def.templates(node.data))) {
    const next = renameInTemplate(t.source, from, to);
    if (next !== t.source) data = setAt(data, t.path, next);
  }
  for (const e of refs(() => def.expressions(node.data))) {
    const next = renameInExpression(e.source, from, to);
    if (next !== e.source) data = setAt(data, e.path, next);
  }
  return data === node.data ? node : { ...node, data: data as FlowNode['data'] };
}
