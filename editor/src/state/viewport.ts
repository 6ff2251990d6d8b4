// Where the canvas opens. A flow is fitted whole, unless it is large and fitting it would make
// its nodes unreadable specks (500 nodes fit at zoom 0.1): then it opens readable at its start,
// the left edge of the flow at the pane's left, its input node in view. Fit shows all of it.
import { nodeRegistry, type Flow } from '../engine';

export const NODE_SIZE = { width: 210, height: 80 };
/** Below this zoom node text cannot be read; opening there only costs time. */
export const READABLE_ZOOM = 0.5;
/** Above this many nodes the canvas draws only the nodes in view. */
export const LARGE_FLOW = 150;
const START_ZOOM = 0.8;
const PAD = 40;

export type Viewport = { x: number; y: number; zoom: number };

/** The viewport to open at, or undefined when the whole flow fits readably (then fit view). */
export function openingViewport(flow: Flow, pane: { width: number; height: number }): Viewport | undefined {
  if (flow.nodes.length <= LARGE_FLOW) return undefined;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of flow.nodes) {
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + NODE_SIZE.width);
    maxY = Math.max(maxY, n.position.y + NODE_SIZE.height);
  }
  const fitZoom = Math.min((pane.width - 2 * PAD) / (maxX - minX), (pane.height - 2 * PAD) / (maxY - minY));
  if (fitZoom >= READABLE_ZOOM) return undefined;
  const start =
    flow.nodes.find((n) => nodeRegistry.get(n.type)?.entry) ?? flow.nodes.reduce((a, b) => (b.position.x < a.position.x ? b : a));
  const centreY = start.position.y + NODE_SIZE.height / 2;
  // Keep the top of the flow in view when the input sits near it.
  const y = Math.min(PAD - minY * START_ZOOM, pane.height / 2 - centreY * START_ZOOM);
  return { x: PAD - minX * START_ZOOM, y, zoom: START_ZOOM };
}
