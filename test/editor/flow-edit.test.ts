// Editor state logic that needs no DOM: flow edits, undo history, run events, diffs, SSE parsing.
import { describe, expect, it } from 'vitest';
import { parseSse } from '../../editor/src/api/run-stream';
import {
  addNode,
  connect,
  copySelection,
  newFlow,
  paste,
  removeElements,
  renameNode,
  uniqueNodeId,
} from '../../editor/src/state/flow-edit';
import { commit, createHistory, endTransient, redo, transient, undo } from '../../editor/src/state/history';
import { lineDiff } from '../../editor/src/state/line-diff';
import { idleRun, runReducer, startRun } from '../../editor/src/state/run-state';
import { takenEdges } from '../../editor/src/state/to-react-flow';
import { formatFlow, validateFlow } from '../../worker/engine/index';

const base = () => {
  let f = newFlow('t', 'T');
  f = addNode(f, 'input', { x: 0, y: 0 }, 'question').flow;
  f = addNode(f, 'condition', { x: 200, y: 0 }, 'route').flow;
  f = addNode(f, 'output', { x: 400, y: 0 }, 'answer').flow;
  return f;
};

describe('flow edits', () => {
  it('gives new nodes short unique ids and the type defaults', () => {
    const f = base();
    expect(uniqueNodeId(f, 'route')).toBe('route_2');
    expect(f.nodes[1].data).toEqual({ cases: [{ id: 'yes', expression: 'true' }] });
  });

  it('omits the main handle from edges and refuses duplicates and self loops', () => {
    let f = connect(base(), 'question', 'out', 'route');
    f = connect(f, 'question', 'out', 'route');
    f = connect(f, 'route', 'default', 'answer');
    f = connect(f, 'route', null, 'route');
    expect(f.edges).toEqual([
      { source: 'question', target: 'route' },
      { source: 'route', sourceHandle: 'default', target: 'answer' },
    ]);
  });

  it('removes a node with its edges and renames a node with its edges', () => {
    const f = connect(connect(base(), 'question', 'out', 'route'), 'route', 'yes', 'answer');
    expect(removeElements(f, ['route']).edges).toEqual([]);
    expect(renameNode(f, 'route', 'branch').edges.map((e) => `${e.source}->${e.target}`)).toEqual(['question->branch', 'branch->answer']);
  });

  it('pastes copies with fresh ids and their inner edges only', () => {
    const f = connect(connect(base(), 'question', 'out', 'route'), 'route', 'yes', 'answer');
    const { flow, ids } = paste(f, copySelection(f, new Set(['route', 'answer'])));
    expect(ids).toEqual(['route_2', 'answer_2']);
    expect(flow.edges.at(-1)).toEqual({ source: 'route_2', sourceHandle: 'yes', target: 'answer_2' });
  });

  it('writes a built flow that formats canonically and validates', () => {
    const f = connect(connect(connect(base(), 'question', 'out', 'route'), 'route', 'yes', 'answer'), 'route', 'default', 'answer');
    expect(validateFlow(f).filter((p) => p.severity === 'error')).toEqual([]);
    expect(formatFlow(JSON.parse(formatFlow(f)))).toBe(formatFlow(f));
  });
});

describe('undo history', () => {
  it('undoes and redoes steps, coalescing typing into one field', () => {
    let h = createHistory('a');
    h = commit(h, 'ab', 'name', 0);
    h = commit(h, 'abc', 'name', 100);
    h = commit(h, 'abcd', 'other', 200);
    expect(undo(h).present).toBe('abc');
    expect(undo(undo(h)).present).toBe('a');
    expect(redo(undo(h)).present).toBe('abcd');
  });

  it('records a whole drag as one step', () => {
    let h = createHistory(0);
    h = transient(transient(transient(h, 1), 2), 3);
    h = endTransient(h);
    expect(h.present).toBe(3);
    expect(undo(h).present).toBe(0);
  });
});

describe('run state', () => {
  it('lights nodes from events and marks the taken path from the trace', () => {
    const f = connect(connect(connect(base(), 'question', 'out', 'route'), 'route', 'yes', 'answer'), 'route', 'default', 'answer');
    let s = startRun(0);
    s = runReducer(s, { type: 'node.start', nodeId: 'question', nodeType: 'input', startMs: 0 });
    expect(s.status.get('question')).toBe('running');
    s = runReducer(
      s,
      {
        type: 'done',
        runId: 'r',
        output: 'x',
        usage: { inputTokens: 1, outputTokens: 2 },
        trace: [
          { nodeId: 'question', type: 'input', status: 'ok' },
          { nodeId: 'route', type: 'condition', status: 'ok', handle: 'yes' },
          { nodeId: 'answer', type: 'output', status: 'ok' },
        ],
      },
      10,
    );
    expect(s.phase).toBe('done');
    expect([...takenEdges(f, s.status, s.handles)]).toEqual(['question:out->route', 'route:yes->answer']);
    expect(idleRun.phase).toBe('idle');
  });
});

describe('helpers', () => {
  it('splits SSE text into events and keeps the unfinished rest', () => {
    const { events, rest } = parseSse('event: token\ndata: {"text":"a"}\n\nevent: done\ndata: {}\n\nevent: tok');
    expect(events).toEqual([
      { event: 'token', data: '{"text":"a"}' },
      { event: 'done', data: '{}' },
    ]);
    expect(rest).toBe('event: tok');
  });

  it('diffs prompt versions line by line', () => {
    expect(lineDiff('a\nb\nc', 'a\nB\nc\nd').map((r) => r.kind)).toEqual(['same', 'changed', 'same', 'added']);
  });

  it('marks the changed words of a changed line (jsdiff diffWords)', () => {
    const [row] = lineDiff('Write a short email', 'Write a warm, short email\n');
    expect(row.kind).toBe('changed');
    expect(row.rightParts?.filter((p) => p.changed).map((p) => p.text.trim())).toEqual(['warm,']);
    expect(row.leftParts?.every((p) => !p.changed)).toBe(true);
  });
});
