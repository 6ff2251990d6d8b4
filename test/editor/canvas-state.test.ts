// What keeps a large canvas fast: cached nodes and edges, per-node decorations that keep their
// identity, estimated handles until a node is measured, and where a large flow opens.
import { describe, expect, it } from 'vitest';
import { generateFlow } from '../../bench/editor-flow';
import { createDecorationStore } from '../../editor/src/state/node-decorations';
import { createEdgeCache, createNodeCache } from '../../editor/src/state/to-react-flow';
import { freeSpot } from '../../editor/src/state/placement';
import { boundsOf, fitRect, inView, MINIMAP_RESERVE, NODE_SIZE, openingViewport, READABLE_ZOOM } from '../../editor/src/state/viewport';
import { moveNodes } from '../../editor/src/state/flow-edit';
import type { Problem } from '../../worker/engine/index';

const problem = (nodeId: string, message = 'bad'): Problem => ({ code: 'x', message, path: '$', nodeId, severity: 'error' });

describe('node and edge caches', () => {
  it('rebuild only the nodes that moved, and keep data objects when only the size changes', () => {
    const cache = createNodeCache();
    const flow = generateFlow(50);
    const a = cache(flow, new Set(), new Map());
    const b = cache(moveNodes(flow, new Map([['n3', { x: 1, y: 2 }]])), new Set(), new Map());
    expect(b.filter((n, i) => n !== a[i]).map((n) => n.id)).toEqual(['n3']);
    const c = cache(flow, new Set(), new Map([['n5', { width: 210, height: 90 }]]));
    const n5 = c.find((n) => n.id === 'n5')!;
    expect(n5.measured).toEqual({ width: 210, height: 90 });
    expect(n5.handles).toBeUndefined();
    expect(n5.data).toBe(a.find((n) => n.id === 'n5')!.data);
    expect(a[0].handles?.length).toBeGreaterThan(0);
  });

  it('rebuild only the edges whose state changed', () => {
    const cache = createEdgeCache();
    const flow = generateFlow(50);
    const a = cache(flow, new Set(), new Set(), false);
    const b = cache(flow, new Set([a[4].id]), new Set(), false);
    expect(b.filter((e, i) => e !== a[i])).toHaveLength(1);
  });
});

describe('decoration store', () => {
  it('notifies once per change and keeps unchanged entries identical', () => {
    const store = createDecorationStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.set([problem('a'), problem('b')], new Map());
    const a = store.get('a');
    store.set([problem('a'), problem('b', 'worse')], new Map());
    expect(store.get('a')).toBe(a);
    expect(store.get('b').problems[0].message).toBe('worse');
    store.set([problem('a'), problem('b', 'worse')], new Map());
    expect(calls).toBe(2);
    store.set([problem('a')], new Map([['c', 'ok']]));
    expect(store.get('b').problems).toEqual([]);
    expect(store.get('c').status).toBe('ok');
    expect(store.get('a').errors).toBe(1);
  });
});

describe('opening viewport', () => {
  it('fits a flow that fits readably, and opens a large one readable at its input', () => {
    const pane = { width: 830, height: 720 };
    const small = { ...generateFlow(3), nodes: generateFlow(3).nodes.filter((n) => n.type !== 'output') };
    const v1 = openingViewport(small, pane)!;
    expect(v1.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(inView(boundsOf(small)!, v1, pane)).toBe(true);
    const large = generateFlow(500);
    const v2 = openingViewport(large, pane)!;
    expect(v2.zoom).toBe(READABLE_ZOOM);
    const input = large.nodes.find((n) => n.type === 'input')!;
    expect(inView({ ...input.position, ...NODE_SIZE }, v2, pane)).toBe(true);
  });

  it('keeps the minimap corner clear when fitting', () => {
    const pane = { width: 1000, height: 600 };
    for (const r of [
      { x: 0, y: 0, width: 3000, height: 2000 },
      { x: 0, y: 0, width: 3000, height: 200 },
      { x: 0, y: 0, width: 300, height: 2000 },
    ]) {
      const v = fitRect(r, pane, { minimap: true });
      const right = (r.x + r.width) * v.zoom + v.x;
      const bottom = (r.y + r.height) * v.zoom + v.y;
      expect(right <= pane.width - MINIMAP_RESERVE.width || bottom <= pane.height - MINIMAP_RESERVE.height).toBe(true);
    }
  });
});

describe('placing a node from the palette', () => {
  it('puts it beside the selection, clear of every other node', () => {
    const flow = generateFlow(6);
    const sel = flow.nodes[1];
    const p = freeSpot(flow, new Map(), { selected: new Set([sel.id]), centre: { x: 0, y: 0 } });
    expect(p.x).toBeGreaterThan(sel.position.x);
    for (const n of flow.nodes) {
      const apart = Math.abs(n.position.x - p.x) >= NODE_SIZE.width || Math.abs(n.position.y - p.y) >= NODE_SIZE.height;
      expect(apart).toBe(true);
    }
  });

  it('moves off a node that sits at the centre of the view', () => {
    const flow = generateFlow(3);
    const n = flow.nodes[0];
    const p = freeSpot(flow, new Map(), { selected: new Set(), centre: { x: n.position.x + 110, y: n.position.y + 42 } });
    expect(Math.abs(p.x - n.position.x) >= NODE_SIZE.width || Math.abs(p.y - n.position.y) >= NODE_SIZE.height).toBe(true);
  });
});
