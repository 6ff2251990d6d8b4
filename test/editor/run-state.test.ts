// The run panel's state from SSE events: a fine-tuned node that fell back lights its fallback
// edge, not `out`, whether the event names the handle (the engine does) or not (older servers).
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../editor/src/api/run-stream';
import { runReducer, startRun } from '../../editor/src/state/run-state';
import { takenEdges } from '../../editor/src/state/to-react-flow';
import type { Flow } from '../../worker/engine/index';

const flow = {
  version: 1,
  id: 'fb',
  name: 'fb',
  input: { fields: {} },
  nodes: ['in', 'ft', 'base', 'out'].map((id, i) => ({ id, type: i === 0 ? 'input' : 'prompt', position: { x: 0, y: 0 }, data: {} })),
  edges: [
    { source: 'in', target: 'ft' },
    { source: 'ft', target: 'out' },
    { source: 'ft', sourceHandle: 'fallback', target: 'base' },
    { source: 'base', target: 'out' },
  ],
} as Flow;

const end = (nodeId: string, status: 'ok' | 'fell_back' | 'skipped', handle?: string): StreamEvent =>
  ({ type: 'node.end', nodeId, nodeType: 'x', status, durationMs: 1, ...(handle ? { handle } : {}) }) as StreamEvent;

const lit = (events: StreamEvent[]) => {
  const state = events.reduce((s, e) => runReducer(s, e, 0), startRun(0));
  return [...takenEdges(flow, state.status, state.handles)].sort();
};

describe('run state', () => {
  it('lights the fallback edge of a node that fell back, from the handle in its node.end event', () => {
    const edges = lit([end('in', 'ok', 'out'), end('ft', 'fell_back', 'fallback'), end('base', 'ok', 'out'), end('out', 'ok')]);
    expect(edges).toEqual(['base:out->out', 'ft:fallback->base', 'in:out->ft']);
  });

  it('takes the fallback handle for a fell-back node even when the event leaves the handle out', () => {
    const edges = lit([end('in', 'ok'), end('ft', 'fell_back'), end('base', 'ok'), end('out', 'ok')]);
    expect(edges).toContain('ft:fallback->base');
    expect(edges).not.toContain('ft:out->out');
  });
});
