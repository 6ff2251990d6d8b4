import { describe, expect, it } from 'vitest';
import { validateFlow, parseFlow } from '../../worker/engine';
import { makeFlow } from './helpers';

const codes = (flow: unknown) => validateFlow(flow).map((p) => `${p.code}@${p.path}${p.nodeId ? `#${p.nodeId}` : ''}`);

describe('validateFlow', () => {
  it('accepts a minimal input-prompt-output flow', () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'ask', type: 'prompt', data: { model: 'm', prompt: { text: 'Q: {{input.question}}' } } },
        { id: 'out', type: 'output', data: { value: 'nodes.ask.output' } },
      ],
      [
        ['in', 'ask'],
        ['ask', 'out'],
      ],
    );
    expect(validateFlow(flow)).toEqual([]);
  });

  it('lists every problem at once, each with a JSON path and node id', () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'in', type: 'input' },
        { id: 'mystery', type: 'teleport' },
        { id: 'ask', type: 'prompt', data: { model: 'm', prompt: { text: '{{nodes.later.output}} {{#broken}}' }, temperature: 9 } },
        { id: 'gate', type: 'condition', data: { cases: [{ id: 'yes', expression: 'input.question ==' }] } },
        { id: 'later', type: 'template', data: { template: 'x' } },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'ask'],
        ['ask', 'gate'],
        ['gate', 'later', 'yes'],
        ['gate', 'out', 'nope'],
        ['ghost', 'out'],
        ['later', 'out'],
      ],
    );
    const found = codes(flow);
    expect(found).toContain('duplicate_id@$.nodes[1].id#in');
    expect(found).toContain('unknown_node_type@$.nodes[2].type#mystery');
    expect(found).toContain('invalid_data@$.nodes[3].data.temperature#ask');
    expect(found).toContain('template_syntax@$.nodes[3].data.prompt.text#ask');
    expect(found).toContain('expression_syntax@$.nodes[4].data.cases[0].expression#gate');
    expect(found).toContain('edge_unknown_handle@$.edges[3].sourceHandle#gate');
    expect(found).toContain('edge_unknown_node@$.edges[4].source');
    expect(found).toContain('condition_without_default@$.nodes[4]#gate');
    expect(found).toContain('unreachable@$.nodes[2]#mystery');
  });

  it('reports a cycle with its path', () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'a', type: 'template', data: { template: 'a' } },
        { id: 'b', type: 'template', data: { template: 'b' } },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'a'],
        ['a', 'b'],
        ['b', 'a'],
        ['b', 'out'],
      ],
    );
    const cycle = validateFlow(flow).find((p) => p.code === 'cycle');
    expect(cycle?.message).toMatch(/a → b → a|b → a → b/);
  });

  it('rejects template variables that name a node which is not upstream', () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'first', type: 'template', data: { template: '{{nodes.second.output}}' } },
        { id: 'second', type: 'template', data: { template: '{{nodes.first.output}} {{nodes.nobody.output}}' } },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'first'],
        ['first', 'second'],
        ['second', 'out'],
      ],
    );
    const found = codes(flow);
    expect(found).toContain('not_upstream@$.nodes[1].data.template#first');
    expect(found).toContain('unknown_variable@$.nodes[2].data.template#second');
    expect(found.filter((c) => c.startsWith('not_upstream'))).toHaveLength(1);
  });

  it('rejects expressions that name a node which is not upstream', () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'gate', type: 'condition', data: { cases: [{ id: 'yes', expression: 'nodes.late.output == "x"' }] } },
        { id: 'late', type: 'template', data: { template: 'x' } },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'gate'],
        ['gate', 'late', 'yes'],
        ['gate', 'out', 'default'],
        ['late', 'out'],
      ],
    );
    expect(codes(flow)).toContain('not_upstream@$.nodes[1].data.cases[0].expression#gate');
  });

  it('requires an input node and a reachable output', () => {
    const flow = makeFlow([{ id: 't', type: 'template', data: { template: 'x' } }], []);
    const found = codes(flow);
    expect(found).toContain('missing_input@$.nodes');
    const noOut = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 't', type: 'template', data: { template: 'x' } },
      ],
      [['in', 't']],
    );
    expect(codes(noOut)).toContain('no_output@$.nodes');
  });

  it('rejects edges into the input node and out of an output node', () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'out'],
        ['out', 'in'],
      ],
    );
    const found = codes(flow);
    expect(found).toContain('edge_unknown_handle@$.edges[1].sourceHandle#out');
    expect(found).toContain('edge_into_input@$.edges[1].target#in');
  });

  it('reports schema errors with their paths and does not accept unknown keys', () => {
    const found = codes({
      version: 1,
      id: 'Bad Id',
      name: '',
      input: { fields: {} },
      nodes: [{ id: 'in', type: 'input', position: { x: 0 }, data: {}, extra: 1 }],
      edges: [],
    });
    expect(found).toContain('schema@$.id');
    expect(found).toContain('schema@$.name');
    expect(found).toContain('schema@$.nodes[0].position.y#in');
    expect(found).toContain('schema@$.nodes[0]#in');
  });

  it('refuses an unknown format version', () => {
    expect(codes({ version: 2, id: 'x', name: 'x', input: { fields: {} }, nodes: [], edges: [] })).toContain(
      'unsupported_version@$.version',
    );
  });

  it('parseFlow reports invalid JSON instead of throwing', () => {
    const parsed = parseFlow('{"version": 1,');
    expect(parsed.valid).toBe(false);
    expect(parsed.problems[0].code).toBe('json_syntax');
  });

  it('warns, without failing, about input fields the declaration does not have', () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 't', type: 'template', data: { template: '{{input.qestion}}' } },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 't'],
        ['t', 'out'],
      ],
    );
    const problems = validateFlow(flow);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'unknown_variable', severity: 'warning', nodeId: 't' });
    expect(parseFlow(flow).valid).toBe(true);
  });
});

describe('validateFlow and the node cap', () => {
  const chain = (n: number) =>
    makeFlow(
      [
        { id: 'in', type: 'input' },
        ...Array.from({ length: n }, (_, i) => ({ id: `t${i}`, type: 'template', data: { template: 'x' } })),
        { id: 'out', type: 'output' },
      ],
      ['in', ...Array.from({ length: n }, (_, i) => `t${i}`), 'out']
        .slice(1)
        .map((target, i, all) => [i === 0 ? 'in' : all[i - 1], target]),
    );

  it('refuses a flow with more nodes than the default cap of 1,000, which the run would refuse too', () => {
    expect(validateFlow(chain(998))).toEqual([]);
    expect(validateFlow(chain(999)).map((p) => p.code)).toEqual(['too_many_nodes']);
    expect(validateFlow(chain(999), { maxNodes: 2000 })).toEqual([]);
  });
});
