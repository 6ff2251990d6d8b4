import { describe, expect, it } from 'vitest';
import { runFlow, WeirError, type RunEvent } from '../../worker/engine';
import { makeFlow, notFound, scriptedLlm, sleep, staticPrompts } from './helpers';

const noPrompts = staticPrompts({});
const ask = (id: string, model: string, text = '{{input.question}}') => ({ id, type: 'prompt', data: { model, prompt: { text } } });

/** input -> gate(case yes if question contains "yes") -> a | b -> out */
const branchFlow = () =>
  makeFlow(
    [
      { id: 'in', type: 'input' },
      { id: 'gate', type: 'condition', data: { cases: [{ id: 'yes', expression: 'input.question.contains("yes")' }] } },
      ask('a', 'model-a'),
      ask('b', 'model-b'),
      { id: 'after_a', type: 'template', data: { template: 'A said {{nodes.a.output}}' } },
      { id: 'out', type: 'output' },
    ],
    [
      ['in', 'gate'],
      ['gate', 'a', 'yes'],
      ['gate', 'b', 'default'],
      ['a', 'after_a'],
      ['after_a', 'out'],
      ['b', 'out'],
    ],
  );

describe('runFlow', () => {
  it('takes exactly one handle of a condition and skips what only the other side reaches', async () => {
    const llm = scriptedLlm();
    const result = await runFlow(branchFlow(), { question: 'yes please' }, { llm, prompts: noPrompts });
    expect(result.status).toBe('ok');
    expect(result.output).toBe('A said answer from model-a');
    const status = Object.fromEntries(result.trace.map((t) => [t.nodeId, t.status]));
    expect(status).toEqual({ in: 'ok', gate: 'ok', a: 'ok', b: 'skipped', after_a: 'ok', out: 'ok' });
    expect(result.trace.find((t) => t.nodeId === 'gate')?.handle).toBe('yes');
    expect(llm.calls.map((c) => c.model)).toEqual(['model-a']);
  });

  it('takes the default handle when no case matches and runs the join once', async () => {
    const llm = scriptedLlm();
    const result = await runFlow(branchFlow(), { question: 'no' }, { llm, prompts: noPrompts });
    expect(result.output).toBe('answer from model-b');
    expect(result.trace.filter((t) => t.status === 'skipped').map((t) => t.nodeId)).toEqual(['a', 'after_a']);
  });

  it('runs independent branches concurrently, capped by maxConcurrency', async () => {
    const nodes = [
      { id: 'in', type: 'input' },
      ...Array.from({ length: 8 }, (_, i) => ask(`p${i}`, `m${i}`)),
      { id: 'out', type: 'output', data: { value: 'nodes.p0.output' } },
    ];
    const edges = Array.from(
      { length: 8 },
      (_, i) =>
        [
          ['in', `p${i}`],
          [`p${i}`, 'out'],
        ] as [string, string][],
    ).flat();
    const llm = scriptedLlm({}, 20);
    const result = await runFlow(makeFlow(nodes, edges), { question: 'q' }, { llm, prompts: noPrompts, limits: { maxConcurrency: 3 } });
    expect(result.status).toBe('ok');
    expect(llm.calls).toHaveLength(8);
    expect(llm.maxConcurrent).toBe(3);
    expect(result.usage).toEqual({ inputTokens: 56, outputTokens: 24, calls: 8 });
  });

  it('fails the run with the failing node id and skips its dependents', async () => {
    const flow = makeFlow(
      [{ id: 'in', type: 'input' }, ask('first', 'broken'), ask('second', 'fine', '{{nodes.first.output}}'), { id: 'out', type: 'output' }],
      [
        ['in', 'first'],
        ['first', 'second'],
        ['second', 'out'],
      ],
    );
    const llm = scriptedLlm({ broken: notFound() });
    const result = await runFlow(flow, { question: 'q' }, { llm, prompts: noPrompts });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'provider_model_not_found', nodeId: 'first' });
    expect(result.trace.map((t) => t.status)).toEqual(['ok', 'failed', 'skipped', 'skipped']);
    expect(llm.calls).toHaveLength(1);
  });

  it('continues on the fallback handle when a fine-tuned model fails for good, and says so', async () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'ft', type: 'finetuned', data: { model: 'ft:base:org:x:1', baseModel: 'base' } },
        ask('base', 'base', 'Detailed: {{input.question}}'),
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'ft'],
        ['ft', 'out'],
        ['ft', 'base', 'fallback'],
        ['base', 'out'],
      ],
    );
    const result = await runFlow(flow, { question: 'E5?' }, { llm: scriptedLlm({ 'ft:base:org:x:1': notFound() }), prompts: noPrompts });
    expect(result.status).toBe('ok');
    expect(result.output).toBe('answer from base');
    const ft = result.trace.find((t) => t.nodeId === 'ft')!;
    expect(ft).toMatchObject({ status: 'fell_back', baseModel: 'base', error: { code: 'provider_model_not_found' } });
    expect(ft.messages).toEqual([{ role: 'user', content: 'E5?' }]);
  });

  it('fails a fine-tuned node whose fallback is not connected', async () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'ft', type: 'finetuned', data: { model: 'ft:x', baseModel: 'x' } },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'ft'],
        ['ft', 'out'],
      ],
    );
    const result = await runFlow(flow, { question: 'q' }, { llm: scriptedLlm({ 'ft:x': notFound() }), prompts: noPrompts });
    expect(result.error).toMatchObject({ code: 'provider_model_not_found', nodeId: 'ft' });
  });

  it('times out a slow node with node_timeout', async () => {
    const flow = makeFlow(
      [{ id: 'in', type: 'input' }, ask('slow', 'slow'), { id: 'out', type: 'output' }],
      [
        ['in', 'slow'],
        ['slow', 'out'],
      ],
    );
    const llm = scriptedLlm({ slow: () => new Promise(() => {}) });
    const result = await runFlow(flow, { question: 'q' }, { llm, prompts: noPrompts, limits: { nodeTimeoutMs: 30 } });
    expect(result.error).toMatchObject({ code: 'node_timeout', nodeId: 'slow' });
    expect(llm.calls[0].signal.aborted).toBe(true);
  });

  it('stops at the run deadline and aborts the model call', async () => {
    const flow = makeFlow(
      [{ id: 'in', type: 'input' }, ask('slow', 'slow'), { id: 'out', type: 'output' }],
      [
        ['in', 'slow'],
        ['slow', 'out'],
      ],
    );
    const llm = scriptedLlm({}, 10_000);
    const result = await runFlow(flow, { question: 'q' }, { llm, prompts: noPrompts, limits: { deadlineMs: 40 } });
    expect(result.error).toMatchObject({ code: 'deadline_exceeded', nodeId: 'slow' });
    expect(llm.calls[0].signal.aborted).toBe(true);
  });

  it('cancels the run when the caller aborts', async () => {
    const flow = makeFlow(
      [{ id: 'in', type: 'input' }, ask('slow', 'slow'), { id: 'out', type: 'output' }],
      [
        ['in', 'slow'],
        ['slow', 'out'],
      ],
    );
    const client = new AbortController();
    const llm = scriptedLlm({}, 10_000);
    const pending = runFlow(flow, { question: 'q' }, { llm, prompts: noPrompts, signal: client.signal });
    await sleep(10);
    client.abort();
    const result = await pending;
    expect(result.error?.code).toBe('cancelled');
    expect(llm.calls[0].signal.aborted).toBe(true);
  });

  it('refuses a flow with more nodes than the cap, as validation does, before running anything', async () => {
    const llm = scriptedLlm();
    const err = await runFlow(branchFlow(), { question: 'yes' }, { llm, prompts: noPrompts, limits: { maxNodes: 2 } }).catch((e) => e);
    expect(err).toBeInstanceOf(WeirError);
    expect(err.code).toBe('invalid_flow');
    expect((err.details as { issues: { code: string }[] }).issues.map((i) => i.code)).toContain('too_many_nodes');
    expect(llm.calls).toHaveLength(0);
  });

  it('rejects invalid input with every problem and its path before running', async () => {
    const llm = scriptedLlm();
    const err = await runFlow(branchFlow(), { question: 3, extra: true }, { llm, prompts: noPrompts }).catch((e) => e);
    expect(err).toBeInstanceOf(WeirError);
    expect(err.code).toBe('invalid_input');
    expect((err.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['$.input.question', '$.input.extra']);
    expect(llm.calls).toHaveLength(0);
  });

  it('refuses to run an invalid flow', async () => {
    const flow = makeFlow([{ id: 'in', type: 'input' }], []);
    await expect(runFlow(flow, { question: 'q' }, { llm: scriptedLlm(), prompts: noPrompts })).rejects.toMatchObject({
      code: 'invalid_flow',
    });
  });

  it('streams tokens only from the model call that produces the answer, and emits node events', async () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        ask('draft', 'drafter'),
        ask('polish', 'polisher', 'Polish: {{nodes.draft.output}}'),
        { id: 'out', type: 'output', data: { value: 'nodes.polish.output' } },
      ],
      [
        ['in', 'draft'],
        ['draft', 'polish'],
        ['polish', 'out'],
      ],
    );
    const events: RunEvent[] = [];
    const result = await runFlow(
      flow,
      { question: 'q' },
      { llm: scriptedLlm({ polisher: 'a b c' }), prompts: noPrompts, onEvent: (e) => events.push(e) },
    );
    expect(result.output).toBe('a b c');
    const tokens = events.filter((e) => e.type === 'token');
    expect(tokens.map((t) => (t as { text: string }).text).join('')).toBe('a b c');
    expect(new Set(tokens.map((t) => t.nodeId))).toEqual(new Set(['polish']));
    expect(events.filter((e) => e.type === 'node.start').map((e) => e.nodeId)).toEqual(['in', 'draft', 'polish', 'out']);
  });

  it('records the rendered messages, model, tokens and resolved prompt version in the trace', async () => {
    const prompts = staticPrompts({
      'greet@production': {
        name: 'greet',
        version: 4,
        label: 'production',
        template: {
          messages: [
            { role: 'system', content: 'Be kind.' },
            { role: 'user', content: 'Hi {{input.question}}' },
          ],
        },
        model: 'default-model',
      },
    });
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'p', type: 'prompt', data: { prompt: { ref: 'greet@production' } } },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'p'],
        ['p', 'out'],
      ],
    );
    const result = await runFlow(flow, { question: 'Ada' }, { llm: scriptedLlm(), prompts });
    const p = result.trace.find((t) => t.nodeId === 'p')!;
    expect(p).toMatchObject({
      model: 'default-model',
      tokens: { inputTokens: 7, outputTokens: 3 },
      prompt: { ref: 'greet@production', name: 'greet', version: 4 },
    });
    expect(p.messages).toEqual([
      { role: 'system', content: 'Be kind.' },
      { role: 'user', content: 'Hi Ada' },
    ]);
    expect(result.prompts).toEqual([{ ref: 'greet@production', name: 'greet', version: 4 }]);
  });

  it('parses JSON answers, checks them against the schema and branches on them', async () => {
    const schema = { type: 'object', properties: { topic: { type: 'string', enum: ['tech', 'other'] } }, required: ['topic'] };
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        {
          id: 'classify',
          type: 'prompt',
          data: { model: 'cls', prompt: { text: '{{input.question}}' }, responseFormat: { type: 'json', schema } },
        },
        { id: 'gate', type: 'condition', data: { cases: [{ id: 'tech', expression: 'nodes.classify.output.topic == "tech"' }] } },
        { id: 'yes', type: 'template', data: { format: 'json', template: '{"route": "tech", "q": "{{input.question}}"}' } },
        { id: 'no', type: 'template', data: { template: 'other' } },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'classify'],
        ['classify', 'gate'],
        ['gate', 'yes', 'tech'],
        ['gate', 'no', 'default'],
        ['yes', 'out'],
        ['no', 'out'],
      ],
    );
    const ok = await runFlow(
      flow,
      { question: 'say "hi"' },
      { llm: scriptedLlm({ cls: '```json\n{"topic": "tech"}\n```' }), prompts: noPrompts },
    );
    expect(ok.output).toEqual({ route: 'tech', q: 'say "hi"' });
    const bad = await runFlow(flow, { question: 'q' }, { llm: scriptedLlm({ cls: '{"topic": "sports"}' }), prompts: noPrompts });
    expect(bad.error).toMatchObject({ code: 'bad_json_output', nodeId: 'classify' });
  });

  it('reports a missing prompt as prompt_not_found on its node', async () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'p', type: 'prompt', data: { model: 'm', prompt: { ref: 'ghost@production' } } },
        { id: 'out', type: 'output' },
      ],
      [
        ['in', 'p'],
        ['p', 'out'],
      ],
    );
    const result = await runFlow(flow, { question: 'q' }, { llm: scriptedLlm(), prompts: noPrompts });
    expect(result.error).toMatchObject({ code: 'prompt_not_found', nodeId: 'p' });
  });

  it('maps output fields with CEL and returns plain numbers, not BigInt', async () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        {
          id: 'out',
          type: 'output',
          data: { fields: { length: 'size(input.question)', twice: 'size(input.question) * 2', q: 'input.question' } },
        },
      ],
      [['in', 'out']],
    );
    const result = await runFlow(flow, { question: 'abc' }, { llm: scriptedLlm(), prompts: noPrompts });
    expect(result.output).toEqual({ length: 3, twice: 6, q: 'abc' });
  });
});
