// The fine-tuned node: a model call that falls back when it fails for good (provider gave up, node
// timeout, a JSON answer that is not JSON or breaks the schema) and its fallback is connected.
import { describe, expect, it } from 'vitest';
import { nodeRegistry, runFlow, type RunEvent } from '../../../worker/engine';
import { makeFlow, notFound, scriptedLlm, sleep, staticPrompts } from '../helpers';

const noPrompts = staticPrompts({});
const schema = { type: 'object', properties: { topic: { type: 'string' } }, required: ['topic'] };

/** input -> ft (fallback -> base) -> out */
const fallbackFlow = (ftData: Record<string, unknown> = {}, connected = true) =>
  makeFlow(
    [
      { id: 'in', type: 'input' },
      { id: 'ft', type: 'finetuned', data: { model: 'ft:m', baseModel: 'base', ...ftData } },
      ...(connected ? [{ id: 'base', type: 'prompt', data: { model: 'base', prompt: { text: 'Detailed: {{input.question}}' } } }] : []),
      { id: 'out', type: 'output' },
    ],
    connected
      ? [
          ['in', 'ft'],
          ['ft', 'out'],
          ['ft', 'base', 'fallback'],
          ['base', 'out'],
        ]
      : [
          ['in', 'ft'],
          ['ft', 'out'],
        ],
  );

describe('finetuned node', () => {
  it('falls back when its call hits the node timeout, and the trace says why', async () => {
    const llm = scriptedLlm({ 'ft:m': (req) => sleep(10_000, req.signal).then(() => 'late'), base: 'from base' });
    const result = await runFlow(fallbackFlow(), { question: 'q' }, { llm, prompts: noPrompts, limits: { nodeTimeoutMs: 30 } });
    expect(result.status).toBe('ok');
    expect(result.output).toBe('from base');
    expect(result.trace.find((t) => t.nodeId === 'ft')).toMatchObject({
      status: 'fell_back',
      handle: 'fallback',
      error: { code: 'node_timeout' },
    });
  });

  it('falls back on timeout even when the provider ignores the abort signal', async () => {
    const llm = scriptedLlm({ 'ft:m': () => new Promise<string>(() => {}), base: 'from base' });
    const result = await runFlow(fallbackFlow(), { question: 'q' }, { llm, prompts: noPrompts, limits: { nodeTimeoutMs: 30 } });
    expect(result.output).toBe('from base');
  });

  it('falls back when a JSON-mode answer is not JSON', async () => {
    const llm = scriptedLlm({ 'ft:m': 'Sure! The topic is billing.', base: 'from base' });
    const flow = fallbackFlow({ responseFormat: { type: 'json', schema } });
    const result = await runFlow(flow, { question: 'q' }, { llm, prompts: noPrompts });
    expect(result.output).toBe('from base');
    const ft = result.trace.find((t) => t.nodeId === 'ft')!;
    expect(ft).toMatchObject({ status: 'fell_back', error: { code: 'bad_json_output' }, model: 'ft:m', tokens: { inputTokens: 7 } });
  });

  it('falls back when a JSON answer breaks the response schema', async () => {
    const llm = scriptedLlm({ 'ft:m': '{"subject": "billing"}', base: 'from base' });
    const result = await runFlow(
      fallbackFlow({ responseFormat: { type: 'json', schema } }),
      { question: 'q' },
      { llm, prompts: noPrompts },
    );
    expect(result.output).toBe('from base');
    expect(result.trace.find((t) => t.nodeId === 'ft')?.error?.message).toMatch(/does not match the schema/);
  });

  it('fails the run with its id when the fallback is not connected', async () => {
    const llm = scriptedLlm({ 'ft:m': 'not json' });
    const flow = fallbackFlow({ responseFormat: { type: 'json', schema } }, false);
    const result = await runFlow(flow, { question: 'q' }, { llm, prompts: noPrompts });
    expect(result.error).toMatchObject({ code: 'bad_json_output', nodeId: 'ft' });
  });

  it('does not fall back when the run itself ends (deadline)', async () => {
    const llm = scriptedLlm({ 'ft:m': (req) => sleep(10_000, req.signal).then(() => 'late') });
    const result = await runFlow(fallbackFlow(), { question: 'q' }, { llm, prompts: noPrompts, limits: { deadlineMs: 30 } });
    expect(result.error).toMatchObject({ code: 'deadline_exceeded', nodeId: 'ft' });
    expect(llm.calls.map((c) => c.model)).toEqual(['ft:m']);
  });

  it('reports the fallback handle in its node.end event, so the editor lights the edge that ran', async () => {
    const events: RunEvent[] = [];
    const llm = scriptedLlm({ 'ft:m': notFound() });
    await runFlow(fallbackFlow(), { question: 'q' }, { llm, prompts: noPrompts, onEvent: (e) => events.push(e) });
    expect(events.find((e) => e.type === 'node.end' && e.nodeId === 'ft')).toMatchObject({ status: 'fell_back', handle: 'fallback' });
    expect(events.find((e) => e.type === 'node.end' && e.nodeId === 'base')).toMatchObject({ status: 'ok', handle: 'out' });
  });

  it('declares its widgets, summary and colour', () => {
    const def = nodeRegistry.get('finetuned')!;
    expect(def.summary({ model: 'ft:gpt-4o-mini:acme:x1000:1', baseModel: 'gpt-4o-mini' })).toEqual([
      'ft:gpt-4o-mini:acme:x1000:1',
      'base gpt-4o-mini',
    ]);
    expect(def.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(def.handles({}).map((h) => h.id)).toEqual(['out', 'fallback']);
  });
});
