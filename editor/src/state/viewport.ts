// Where the canvas opens, and how "fit" frames nodes. A flow opens fitted when it fits at a
// readable zoom (node text at least 11 px on screen); otherwise it opens readable at its start:
// the flow's left edge near the pane's left, its input node in view. Fit shows all of it.
// The minimap's corner is kept clear, so it never covers a node when the view opens or fits.
import { nodeRegistry, type Flow } from '../engine';

export const NODE_SIZE = { width: 220, height: 84 };
/** The smallest text on a node card is 12 px (styles/canvas.css): at this zoom it shows at 11 px. */
export const READABLE_ZOOM = 11 / 12;
/** Above this many nodes the canvas draws only the nodes in view. */
export const LARGE_FLOW = 150;
export const MAX_FIT_ZOOM = 1.1;
const PAD = 40;
/** The minimap's box (styles/canvas.css) plus its margin, reserved at the pane's right edge. */
export const MINIMAP_RESERVE = { width: 200, height: 140 };

export type Viewport = { x: number; y: number; zoom: number };
export type Rect = { x: number; y: number; width: number; height: number };
type Size = { width: number; height: number };

export function boundsOf(flow: Flow, measured: ReadonlyMap<string, Size> = new Map(), ids?: ReadonlySet<string>): Rect | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of flow.nodes) {
    if (ids && !ids.has(n.id)) continue;
    const size = measured.get(n.id) ?? NODE_SIZE;
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + size.width);
    maxY = Math.max(maxY, n.position.y + size.height);
  }
  return minX === Infinity ? undefined : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * The viewport that shows `rect` whole in the pane, zoom at most `maxZoom`. With a minimap, when
 * the fitted flow would reach under it, the flow is fitted beside it or above it, whichever
 * leaves it larger.
 */
export function fitRect(rect: Rect, pane: Size, opts: { maxZoom?: number; minZoom?: number; minimap?: boolean } = {}): Viewport {
  const fit = (width: number, height: number): Viewport => {
    const w = Math.max(100, width - 2 * PAD);
    const h = Math.max(100, height - 2 * PAD);
    const zoom = Math.max(opts.minZoom ?? 0.1, Math.min(opts.maxZoom ?? MAX_FIT_ZOOM, w / rect.width, h / rect.height));
    return { x: PAD + (w - rect.width * zoom) / 2 - rect.x * zoom, y: PAD + (h - rect.height * zoom) / 2 - rect.y * zoom, zoom };
  };
  const whole = fit(pane.width, pane.height);
  if (!opts.minimap) return whole;
  const right = (rect.x + rect.width) * whole.zoom + whole.x;
  const bottom = (rect.y + rect.height) * whole.zoom + whole.y;
  if (right <= pane.width - MINIMAP_RESERVE.width || bottom <= pane.height - MINIMAP_RESERVE.height) return whole;
  const beside = fit(pane.width - MINIMAP_RESERVE.width, pane.height);
  const above = fit(pane.width, pane.height - MINIMAP_RESERVE.height);
  return beside.zoom >= above.zoom ? beside : above;
}

/** The viewport to open at: fitted when readable, else readable at the flow's start. */
export function openingViewport(flow: Flow, pane: Size, opts: { minimap?: boolean } = {}): Viewport | undefined {
  const rect = boundsOf(flow);
  if (!rect) return undefined;
  const fitted = fitRect(rect, pane, opts);
  if (fitted.zoom >= READABLE_ZOOM) return fitted;
  const zoom = READABLE_ZOOM;
  const start =
    flow.nodes.find((n) => nodeRegistry.get(n.type)?.entry) ?? flow.nodes.reduce((a, b) => (b.position.x < a.position.x ? b : a));
  const centreY = start.position.y + NODE_SIZE.height / 2;
  // The input's row in the middle, unless the flow's top fits above it: then the top stays in view.
  const top = PAD - rect.y * zoom;
  const middle = pane.height / 2 - centreY * zoom;
  const y = rect.height * zoom <= pane.height - 2 * PAD ? top + (pane.height - 2 * PAD - rect.height * zoom) / 2 : Math.min(top, middle);
  return { x: PAD - rect.x * zoom, y, zoom };
}

/** Whether the node box is wholly inside the visible pane at this viewport. */
export function inView(rect: Rect, vp: Viewport, pane: Size): boolean {
  const x = rect.x * vp.zoom + vp.x;
  const y = rect.y * vp.zoom + vp.y;
  return x >= 0 && y >= 0 && x + rect.width * vp.zoom <= pane.width && y + rect.height * vp.zoom <= pane.height;
}
