// What keeps a large canvas fast: cached nodes and edges, per-node decorations that keep their
// identity, estimated handles until a node is measured, and where a large flow opens.
import { describe, expect, it } from 'vitest';
import { generateFlow } from '../../bench/editor-flow';
import { createDecorationStore } from '../../editor/src/state/node-decorations';
import { createEdgeCache, createNodeCache } from '../../editor/src/state/to-react-flow';
import { openingViewport } from '../../editor/src/state/viewport';
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
  it('fits a small flow, even a wide one, and opens a large one readable at its input', () => {
    const pane = { width: 830, height: 720 };
    expect(openingViewport(generateFlow(8), pane)).toBeUndefined();
    const v = openingViewport(generateFlow(500), pane)!;
    expect(v.zoom).toBeGreaterThanOrEqual(0.5);
    expect(v.x).toBeGreaterThan(0);
  });
});
