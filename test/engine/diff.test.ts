// diffFlows and formatDiff: nodes by id and field by field, moves apart from edits, edges added,
// removed and rewired, flow-level fields, prompt references, and the terminal rendering.
import { describe, expect, it } from 'vitest';
import { diffFlows, diffValues, formatDiff, type Flow } from '../../worker/engine';
import { makeFlow } from './helpers';

const base = (): Flow =>
  makeFlow(
    [
      { id: 'in', type: 'input' },
      {
        id: 'route',
        type: 'condition',
        data: {
          cases: [
            { id: 'billing', expression: 'input.question.contains("bill")' },
            { id: 'tech', expression: 'true' },
          ],
        },
      },
      { id: 'answer', type: 'prompt', data: { model: 'gpt-4o-mini', prompt: { ref: 'support@1' } } },
      { id: 'billing', type: 'template', data: { template: 'See billing.' } },
      { id: 'out', type: 'output', data: {} },
    ],
    [
      ['in', 'route'],
      ['route', 'billing', 'billing'],
      ['route', 'answer', 'default'],
      ['answer', 'out'],
      ['billing', 'out'],
    ],
    { examples: [{ name: 'bill', input: { question: 'my bill' } }] },
  );

describe('diffFlows', () => {
  it('finds no changes between a flow and a copy of it with keys in another order', () => {
    const a = base();
    const b = JSON.parse(JSON.stringify({ ...base(), edges: a.edges, name: a.name, id: a.id })) as Flow;
    const diff = diffFlows(a, b);
    expect(diff.same).toBe(true);
    expect(formatDiff(diff)).toBe('no changes\n');
  });

  it('reports changed node data with dotted paths and the before and after values', () => {
    const b = base();
    b.nodes[2].data = { model: 'gpt-4o', prompt: { ref: 'support@2' }, temperature: 0.2 };
    const diff = diffFlows(base(), b);
    expect(diff.nodes.changed).toEqual([
      {
        id: 'answer',
        type: 'prompt',
        changes: [
          { path: 'data.model', kind: 'changed', before: 'gpt-4o-mini', after: 'gpt-4o' },
          { path: 'data.prompt.ref', kind: 'changed', before: 'support@1', after: 'support@2' },
          { path: 'data.temperature', kind: 'added', after: 0.2 },
        ],
      },
    ]);
    expect(diff.prompts).toEqual({ added: ['support@2'], removed: ['support@1'] });
  });

  it('matches condition cases by id, so removing one does not look like every case changed', () => {
    const b = base();
    b.nodes[1].data = { cases: [{ id: 'tech', expression: 'false' }] };
    const changes = diffFlows(base(), b).nodes.changed[0].changes;
    expect(changes).toEqual([
      { path: 'data.cases[id=billing]', kind: 'removed', before: { id: 'billing', expression: 'input.question.contains("bill")' } },
      { path: 'data.cases[id=tech].expression', kind: 'changed', before: 'true', after: 'false' },
    ]);
  });

  it('reports a node type change as a change of its type field', () => {
    const b = base();
    b.nodes[3] = { ...b.nodes[3], type: 'output', data: {} };
    const changed = diffFlows(base(), b).nodes.changed[0];
    expect(changed.id).toBe('billing');
    expect(changed.changes).toContainEqual({ path: 'type', kind: 'changed', before: 'template', after: 'output' });
  });

  it('keeps position-only changes apart as moves, which do not make the flows differ', () => {
    const b = base();
    b.nodes[0].position = { x: 500, y: 40 };
    const diff = diffFlows(base(), b);
    expect(diff.nodes.moved).toEqual([{ id: 'in', before: { x: 0, y: 0 }, after: { x: 500, y: 40 } }]);
    expect(diff.nodes.changed).toEqual([]);
    expect(diff.same).toBe(true);
    expect(formatDiff(diff)).toBe('nodes\n  1 node(s) moved\n');
    expect(formatDiff(diff, { moved: true })).toBe('nodes\n~ node in moved (0, 0) -> (500, 40)\n');
  });

  it('lists added and removed nodes whole', () => {
    const b = base();
    b.nodes = b.nodes.filter((n) => n.id !== 'billing');
    b.nodes.push({ id: 'polish', type: 'template', position: { x: 0, y: 0 }, data: { template: '{{nodes.answer.output}}' } });
    const diff = diffFlows(base(), b);
    expect(diff.nodes.added.map((n) => n.id)).toEqual(['polish']);
    expect(diff.nodes.removed.map((n) => n.id)).toEqual(['billing']);
  });

  it('reports an edge from the same source and handle to a new target as rewired, others as added or removed', () => {
    const b = base();
    b.edges = b.edges.map((e) => (e.source === 'route' && e.sourceHandle === 'default' ? { ...e, target: 'billing' } : e));
    b.edges = b.edges.filter((e) => e.source !== 'billing');
    b.edges.push({ source: 'in', target: 'answer' });
    const diff = diffFlows(base(), b);
    expect(diff.edges.rewired).toEqual([{ source: 'route', sourceHandle: 'default', before: 'answer', after: 'billing' }]);
    expect(diff.edges.removed).toEqual([{ source: 'billing', sourceHandle: 'out', target: 'out' }]);
    expect(diff.edges.added).toEqual([{ source: 'in', sourceHandle: 'out', target: 'answer' }]);
  });

  it('reports flow-level fields: name, description, public, input fields and examples by name', () => {
    const b = base();
    b.name = 'Renamed';
    b.description = 'Now with a description';
    b.public = true;
    b.input.fields.lang = { type: 'string' };
    b.examples = [{ name: 'bill', input: { question: 'my invoice' } }];
    expect(diffFlows(base(), b).flow).toEqual([
      { path: 'name', kind: 'changed', before: 'Test flow', after: 'Renamed' },
      { path: 'input.fields.lang', kind: 'added', after: { type: 'string' } },
      { path: 'examples[name=bill].input.question', kind: 'changed', before: 'my bill', after: 'my invoice' },
      { path: 'description', kind: 'added', after: 'Now with a description' },
      { path: 'public', kind: 'added', after: true },
    ]);
  });

  it('compares plain arrays by index and quotes keys that are not identifiers', () => {
    expect(diffValues('data', { a: [1, 2], 'x-y': 1 }, { a: [1, 3, 4], 'x-y': 2 })).toEqual([
      { path: 'data.a[1]', kind: 'changed', before: 2, after: 3 },
      { path: 'data.a[2]', kind: 'added', after: 4 },
      { path: 'data["x-y"]', kind: 'changed', before: 1, after: 2 },
    ]);
  });
});

describe('formatDiff', () => {
  it('renders + - ~ lines in sections, cuts long values and colours only when asked', () => {
    const b = base();
    b.name = 'Renamed';
    b.nodes[2].data = { model: 'gpt-4o-mini', prompt: { ref: 'support@2' } };
    b.nodes[3].data = { template: 'x'.repeat(300) };
    const diff = diffFlows(base(), b);
    const text = formatDiff(diff, { width: 20 });
    expect(text).toBe(
      [
        'flow',
        '~ name: "Test flow" -> "Renamed"',
        'nodes',
        '~ node answer (prompt)',
        '    ~ data.prompt.ref: "support@1" -> "support@2"',
        '~ node billing (template)',
        `    ~ data.template: "See billing." -> "${'x'.repeat(18)}…`,
        'prompts',
        '+ support@2',
        '- support@1',
        '',
      ].join('\n'),
    );
    expect(text).not.toContain('\x1b[');
    expect(formatDiff(diff, { color: true })).toContain('\x1b[32m+ support@2\x1b[0m');
  });
});
