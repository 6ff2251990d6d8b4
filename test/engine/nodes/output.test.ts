// The output node: the run's answer (a CEL value, fields, or the upstream output), deterministic
// when two of them run, with the CEL cost limit applied before evaluation.
import { describe, expect, it } from 'vitest';
import { nodeRegistry, runFlow, validateFlow } from '../../../worker/engine';
import { makeFlow, scriptedLlm, staticPrompts } from '../helpers';

const noPrompts = staticPrompts({});

describe('output node', () => {
  it('answers a CEL value or an object of CEL fields', async () => {
    const flow = (data: Record<string, unknown>) =>
      makeFlow(
        [
          { id: 'in', type: 'input' },
          { id: 'out', type: 'output', data },
        ],
        [['in', 'out']],
      );
    const llm = scriptedLlm();
    expect((await runFlow(flow({ value: 'input.question + "!"' }), { question: 'hi' }, { llm, prompts: noPrompts })).output).toBe('hi!');
    const fields = await runFlow(
      flow({ fields: { q: 'input.question', n: 'input.question.size()' } }),
      { question: 'hi' },
      { llm, prompts: noPrompts },
    );
    expect(fields.output).toEqual({ q: 'hi', n: 2 });
  });

  it('answers with the first output in node order when two run, whichever finishes first', async () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'slow', type: 'prompt', data: { model: 'slow', prompt: { text: '{{input.question}}' } } },
        { id: 'first', type: 'output' },
        { id: 'second', type: 'output', data: { value: '"fast"' } },
      ],
      [
        ['in', 'slow'],
        ['slow', 'first'],
        ['in', 'second'],
      ],
    );
    const llm = scriptedLlm({ slow: async () => new Promise((r) => setTimeout(() => r('slow answer'), 20)) });
    const result = await runFlow(flow, { question: 'q' }, { llm, prompts: noPrompts });
    expect(result).toMatchObject({ status: 'ok', output: 'slow answer', outputNodeId: 'first' });
    const warning = validateFlow(flow).find((p) => p.code === 'multiple_outputs');
    expect(warning).toMatchObject({ severity: 'warning', nodeId: 'second' });
    expect(warning?.message).toContain('"first" answers');
  });

  it('does not warn about outputs on exclusive branches of a condition or a fallback', () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'gate', type: 'condition', data: { cases: [{ id: 'yes', expression: 'true' }] } },
        { id: 'ft', type: 'finetuned', data: { model: 'ft:x', baseModel: 'x' } },
        { id: 'a', type: 'output' },
        { id: 'b', type: 'output' },
        { id: 'c', type: 'output' },
      ],
      [
        ['in', 'gate'],
        ['gate', 'ft', 'yes'],
        ['gate', 'c', 'default'],
        ['ft', 'a'],
        ['ft', 'b', 'fallback'],
      ],
    );
    expect(validateFlow(flow).filter((p) => p.code === 'multiple_outputs')).toEqual([]);
  });

  it('refuses a nested exists over 10,000 items before evaluating, with a typed error naming the node', async () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'out', type: 'output', data: { value: 'input.items.exists(x, input.items.exists(y, x == y + 20000))' } },
      ],
      [['in', 'out']],
      { input: { fields: { items: { type: 'array' } } } },
    );
    const items = Array.from({ length: 10_000 }, (_, i) => i);
    const result = await runFlow(flow, { items }, { llm: scriptedLlm(), prompts: noPrompts });
    expect(result.error).toMatchObject({ code: 'expression_too_costly', nodeId: 'out' });
  });

  it('evaluates a single exists over 10,000 items, which is within the cost limit', async () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'out', type: 'output', data: { value: 'input.items.exists(x, x == 9999)' } },
      ],
      [['in', 'out']],
      { input: { fields: { items: { type: 'array' } } } },
    );
    const result = await runFlow(flow, { items: Array.from({ length: 10_000 }, (_, i) => i) }, { llm: scriptedLlm(), prompts: noPrompts });
    expect(result.output).toBe(true);
  });

  it('fails with output_too_large naming the node when its answer passes the output limit', async () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'out', type: 'output', data: { value: 'input.question + input.question' } },
      ],
      [['in', 'out']],
    );
    const result = await runFlow(
      flow,
      { question: 'x'.repeat(600) },
      { llm: scriptedLlm(), prompts: noPrompts, limits: { maxOutputChars: 1000 } },
    );
    expect(result.error).toMatchObject({ code: 'output_too_large', nodeId: 'out' });
  });

  it('declares that it answers the run, its CEL widgets and when its answer is a model text as is', () => {
    const def = nodeRegistry.get('output')!;
    expect(def.answersRun).toBe(true);
    expect(def.handles({})).toEqual([]);
    expect(def.answerIsVerbatim?.({ value: 'nodes.answer.output' })).toBe(true);
    expect(def.answerIsVerbatim?.({ fields: { a: 'nodes.answer.output' } })).toBe(false);
    expect(def.summary({ fields: { a: 'x', b: 'y' } })).toEqual(['{ a, b }']);
  });
});
