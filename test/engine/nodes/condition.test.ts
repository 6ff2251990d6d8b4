// The condition node: the first true case's handle, else default; its own validation rules.
import { describe, expect, it } from 'vitest';
import { nodeRegistry, runFlow, validateFlow } from '../../../worker/engine';
import { makeFlow, scriptedLlm, staticPrompts } from '../helpers';

const gate = (cases: { id: string; expression: string }[]) => ({ id: 'gate', type: 'condition', data: { cases } });
const flowWith = (cases: { id: string; expression: string }[], handles = ['default', ...cases.map((c) => c.id)]) =>
  makeFlow(
    [{ id: 'in', type: 'input' }, gate(cases), ...handles.map((h) => ({ id: `out_${h}`, type: 'output', data: { value: `"${h}"` } }))],
    [['in', 'gate'], ...handles.map((h) => ['gate', `out_${h}`, h] as [string, string, string])],
  );
const run = (flow: ReturnType<typeof flowWith>, question: string) =>
  runFlow(flow, { question }, { llm: scriptedLlm(), prompts: staticPrompts({}) });

describe('condition node', () => {
  it('takes the first case whose expression is true, in order', async () => {
    const flow = flowWith([
      { id: 'long', expression: 'input.question.size() > 3' },
      { id: 'has_a', expression: 'input.question.contains("a")' },
    ]);
    const result = await run(flow, 'banana');
    expect(result.output).toBe('long');
    expect(result.trace.find((t) => t.nodeId === 'gate')).toMatchObject({ handle: 'long', output: { case: 'long' } });
  });

  it('takes default when no case is true', async () => {
    expect((await run(flowWith([{ id: 'yes', expression: 'false' }]), 'q')).output).toBe('default');
  });

  it('fails with expression_error when a case is not a boolean', async () => {
    const result = await run(flowWith([{ id: 'yes', expression: 'input.question' }]), 'q');
    expect(result.error).toMatchObject({ code: 'expression_error', nodeId: 'gate' });
  });

  it('matches regular expressions with RE2 semantics', async () => {
    const flow = flowWith([{ id: 'code', expression: 'input.question.matches("E[0-9]+")' }]);
    expect((await run(flow, 'error E5 again')).output).toBe('code');
    expect((await run(flow, 'no code')).output).toBe('default');
  });

  it('answers ^(\\w+\\s?)+$ against 28 a and "!" at once (RE2 is linear; a backtracking engine takes seconds)', async () => {
    const flow = flowWith([{ id: 'words', expression: 'input.question.matches("^(\\\\w+\\\\s?)+$")' }]);
    expect((await run(flow, `${'a'.repeat(28)}!`)).output).toBe('default');
    expect((await run(flow, 'a few words')).output).toBe('words');
  });

  it('reports its own rules: default connected, unique case ids, every case leading somewhere', () => {
    const flow = flowWith(
      [
        { id: 'yes', expression: 'true' },
        { id: 'yes', expression: 'false' },
        { id: 'maybe', expression: 'false' },
      ],
      ['yes'],
    );
    const problems = validateFlow(flow).map((p) => `${p.code}:${p.severity}@${p.path}`);
    expect(problems).toContain('condition_without_default:error@$.nodes[1]');
    expect(problems).toContain('duplicate_case:error@$.nodes[1].data.cases[1].id');
    expect(problems).toContain('unconnected_case:warning@$.nodes[1].data.cases[2]');
  });

  it('declares a cases widget with CEL expressions, a summary and one handle per case', () => {
    const def = nodeRegistry.get('condition')!;
    const data = { cases: [{ id: 'a', label: 'A', expression: 'true' }] };
    expect(def.handles(data)).toEqual([
      { id: 'a', label: 'A' },
      { id: 'default', label: 'default' },
    ]);
    expect(def.summary(data)).toEqual(['1 case + default']);
  });
});
