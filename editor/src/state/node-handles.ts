// A node's source handles from its type's declaration, and where they sit before the node has
// been drawn. React Flow renders every node once to measure its handles, even off screen; giving
// it these estimates lets a 500-node canvas draw only what is in view. A node's real handle
// positions replace the estimate as soon as it is drawn and measured.
import type { NodeHandle, Position } from '@xyflow/react';
import { nodeRegistry, type FlowNode, type HandleSpec } from '../engine';

export function handlesOf(type: string, data: unknown): HandleSpec[] {
  const def = nodeRegistry.get(type);
  if (!def) return [{ id: 'out', label: 'out' }];
  try {
    return def.handles(data);
  } catch {
    // Data that does not fit the schema (a draft) still gets its main handle.
    return def.handles(def.defaults()).filter((h) => h.id === 'out' || h.id === 'default');
  }
}

// Matches canvas.css: nodes are 220 px wide, about 84 px tall, handles 9 px, one row per named handle.
const WIDTH = 220;
const HEIGHT = 84;
const HANDLE = 9;
const FIRST_ROW = 66;
const ROW = 19;
// Position is a string enum; a type-only import keeps React Flow out of the node test project.
const LEFT = 'left' as Position;
const RIGHT = 'right' as Position;

export function estimatedHandles(node: FlowNode): NodeHandle[] {
  const out: NodeHandle[] = [];
  if (nodeRegistry.get(node.type)?.acceptsInput !== false) {
    out.push({ type: 'target', position: LEFT, x: -HANDLE / 2, y: HEIGHT / 2 - HANDLE / 2, width: HANDLE, height: HANDLE });
  }
  const sources = handlesOf(node.type, node.data);
  const single = sources.length === 1 && sources[0].id === 'out';
  sources.forEach((h, i) => {
    const y = single ? HEIGHT / 2 - HANDLE / 2 : FIRST_ROW + i * ROW;
    out.push({ id: h.id, type: 'source', position: RIGHT, x: WIDTH - HANDLE / 2, y, width: HANDLE, height: HANDLE });
  });
  return out;
}
