// What the canvas shows of a node, from its type's declaration: one or two short summary lines
// under its id, and its colour. The editor never branches on a type name here.
import { nodeRegistry, type FlowNode } from '../../engine';

const FALLBACK_COLOR = '#94a3b8';

export function nodeSummary(node: FlowNode): string[] {
  const def = nodeRegistry.get(node.type);
  if (!def) return [];
  const parsed = def.data.safeParse(node.data);
  if (!parsed.success) return []; // a draft being edited: its problems say what is missing
  try {
    return def.summary(parsed.data);
  } catch {
    return [];
  }
}

/** The node type's declared colour (its accent on the canvas and its minimap dot). */
export const nodeColor = (type: string): string => nodeRegistry.get(type)?.color ?? FALLBACK_COLOR;

/** The `--type-color` custom property the canvas, palette and inspector styles read. */
export const typeColorStyle = (type: string) => ({ '--type-color': nodeColor(type) }) as Record<string, string>;
