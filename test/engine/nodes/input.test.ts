// The input node: the flow's entry; its output is the request input, checked with own-property
// lookups and a cap on list sizes.
import { describe, expect, it } from 'vitest';
import { nodeRegistry, runFlow, validateFlow, WeirError } from '../../../worker/engine';
import { makeFlow, scriptedLlm, staticPrompts } from '../helpers';

const echoFlow = (fields: Record<string, unknown>) =>
  makeFlow(
    [
      { id: 'start', type: 'input' },
      { id: 'out', type: 'output', data: { value: 'nodes.start.output' } },
    ],
    [['start', 'out']],
    { input: { fields: fields as never } },
  );
const run = (flow: ReturnType<typeof echoFlow>, input: unknown, limits = {}) =>
  runFlow(flow, input, { llm: scriptedLlm(), prompts: staticPrompts({}), limits });

describe('input node', () => {
  it('answers with the request input', async () => {
    expect((await run(echoFlow({ question: { type: 'string' } }), { question: 'q' })).output).toEqual({ question: 'q' });
  });

  it('accepts omitted optional fields named constructor or toString', async () => {
    const flow = echoFlow({ constructor: { type: 'string' }, toString: { type: 'string' }, q: { type: 'string' } });
    const result = await run(flow, { q: 'x' });
    expect(result.status).toBe('ok');
    expect((await run(flow, { q: 'x', constructor: 'c' })).output).toEqual({ q: 'x', constructor: 'c' });
  });

  it('rejects reserved field names such as __proto__ at validation', () => {
    const flow = JSON.parse('{"fields": {"__proto__": {"type": "string"}, "ok": {"type": "string"}}}');
    const problems = validateFlow({ ...echoFlow({}), input: flow });
    expect(problems.map((p) => `${p.code}@${p.path}`)).toContain('reserved_field_name@$.input.fields.__proto__');
  });

  it('refuses an input list longer than the limit with input_too_large', async () => {
    const flow = echoFlow({ items: { type: 'array' } });
    const err = await run(flow, { items: [1, 2, 3, 4] }, { maxInputListItems: 3 }).catch((e) => e);
    expect(err).toBeInstanceOf(WeirError);
    expect(err.code).toBe('input_too_large');
    expect(err.message).toContain('$.input.items');
  });

  it('is the entry: nothing connects into it, and a flow has exactly one', () => {
    const def = nodeRegistry.get('input')!;
    expect(def.entry).toBe(true);
    expect(def.acceptsInput).toBe(false);
    const flow = echoFlow({});
    const problems = validateFlow({ ...flow, nodes: [...flow.nodes, { id: 'in2', type: 'input', position: { x: 0, y: 0 }, data: {} }] });
    expect(problems.map((p) => p.code)).toContain('multiple_inputs');
  });
});
