import { describe, expect, it } from 'vitest';
import { formatFlow, renderTemplate, templateVariables } from '../../worker/engine';
import { makeFlow } from './helpers';

describe('formatFlow', () => {
  it('writes keys in schema order, rounds positions, indents by two and ends with a newline', () => {
    const messy = {
      edges: [{ target: 'out', source: 'in' }],
      nodes: [
        { data: {}, position: { y: 2.6, x: 1.2 }, type: 'input', id: 'in' },
        { type: 'output', id: 'out', position: { x: 0, y: 0 }, data: { value: 'input.question' } },
      ],
      name: 'N',
      id: 'n',
      version: 1,
      input: { fields: {} },
      zzz: 1,
    };
    const text = formatFlow(messy);
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual(['version', 'id', 'name', 'input', 'nodes', 'edges', 'zzz']);
    expect(JSON.parse(text).nodes[0]).toEqual({ id: 'in', type: 'input', position: { x: 1, y: 3 }, data: {} });
    expect(text).toContain('\n  "version": 1,');
  });

  it('orders node data keys as the node type declares them and keeps array order', () => {
    const flow = makeFlow(
      [{ id: 'p', type: 'prompt', data: { temperature: 0, prompt: { text: 'x' }, model: 'm', provider: 'default' } }],
      [],
    );
    const data = JSON.parse(formatFlow(flow)).nodes[0].data;
    expect(Object.keys(data)).toEqual(['provider', 'model', 'prompt', 'temperature']);
  });

  it('is idempotent', () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'out', type: 'output' },
      ],
      [['in', 'out']],
    );
    const once = formatFlow(flow);
    expect(formatFlow(JSON.parse(once))).toBe(once);
  });
});

describe('templates', () => {
  it('renders input and node outputs without HTML escaping', () => {
    expect(
      renderTemplate('Q: {{input.q}} / {{nodes.a.output.topic}}', { input: { q: '<b>&"' }, nodes: { a: { output: { topic: 'tech' } } } }),
    ).toBe('Q: <b>&" / tech');
  });

  it('renders objects as JSON and escapes values inside JSON templates', () => {
    expect(renderTemplate('{{input.o}}', { input: { o: { a: 1 } } })).toBe('{"a":1}');
    expect(renderTemplate('{"q": "{{input.q}}"}', { input: { q: 'say "hi"\n' } }, 'json')).toBe('{"q": "say \\"hi\\"\\n"}');
  });

  it('lists the variables a template uses and refuses partials', () => {
    expect(templateVariables('{{a.b}} {{#list}}{{name}}{{/list}}')).toEqual([
      { name: 'a.b', inSection: false },
      { name: 'list', inSection: false },
      { name: 'name', inSection: true },
    ]);
    expect(() => templateVariables('{{> header}}')).toThrow(/partials/);
  });
});

describe('formatFlow at depth', () => {
  it('orders keys inside node data the way the node type declares them, also in arrays and unions', () => {
    const flow = makeFlow(
      [
        { id: 'gate', type: 'condition', data: { cases: [{ expression: 'true', label: 'Yes', id: 'yes' }] } },
        { id: 'p', type: 'prompt', data: { responseFormat: { schema: { b: 1, a: 2 }, type: 'json' }, prompt: { text: 'x' }, model: 'm' } },
      ],
      [],
      { input: { fields: { q: { required: true, type: 'string' } } }, examples: [{ input: { z: 1, a: 2 }, name: 'e' }] },
    );
    const out = JSON.parse(formatFlow(flow));
    expect(Object.keys(out.nodes[0].data.cases[0])).toEqual(['id', 'label', 'expression']);
    expect(Object.keys(out.nodes[1].data.responseFormat)).toEqual(['type', 'schema']);
    expect(Object.keys(out.nodes[1].data.responseFormat.schema)).toEqual(['b', 'a']);
    expect(Object.keys(out.input.fields.q)).toEqual(['type', 'required']);
    expect(Object.keys(out.examples[0])).toEqual(['name', 'input']);
    expect(Object.keys(out.examples[0].input)).toEqual(['z', 'a']);
  });
});
