// Where a node added from the palette lands: beside the selection (to its right, then below),
// else at the view's centre, moved down or right until it overlaps no other node.
import type { Flow } from '../engine';
import { NODE_SIZE, boundsOf, type Rect } from './viewport';
import type { XY } from './flow-edit';

type Size = { width: number; height: number };
const GAP = 40;

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width + GAP / 2 && b.x < a.x + a.width + GAP / 2 && a.y < b.y + b.height + GAP / 2 && b.y < a.y + a.height + GAP / 2;

export function freeSpot(flow: Flow, measured: ReadonlyMap<string, Size>, opts: { selected: ReadonlySet<string>; centre: XY }): XY {
  const boxes: Rect[] = flow.nodes.map((n) => ({ ...n.position, ...(measured.get(n.id) ?? NODE_SIZE) }));
  const sel = opts.selected.size ? boundsOf(flow, measured, opts.selected) : undefined;
  const start: XY = sel
    ? { x: sel.x + sel.width + GAP * 2, y: sel.y }
    : { x: opts.centre.x - NODE_SIZE.width / 2, y: opts.centre.y - NODE_SIZE.height / 2 };
  const free = (p: XY) => !boxes.some((b) => overlaps({ ...p, ...NODE_SIZE }, b));
  // Rings of candidates around the start, nearest first: below and above, then further right.
  for (let ring = 0; ring < 40; ring++) {
    for (let col = 0; col <= Math.min(ring, 3); col++) {
      const dy = (ring - col) * (NODE_SIZE.height + GAP);
      const x = start.x + col * (NODE_SIZE.width + GAP * 2);
      for (const y of dy === 0 ? [start.y] : [start.y + dy, start.y - dy])
        if (free({ x, y })) return { x: Math.round(x), y: Math.round(y) };
    }
  }
  return { x: Math.round(start.x), y: Math.round(start.y) };
}
