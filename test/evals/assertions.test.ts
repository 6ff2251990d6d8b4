// Every assertion type against an observed run, negation, weights, thresholds, templates over
// the item, CEL's scope, node routes, and the judge (scripted in process; echo cannot grade).
import { describe, expect, it } from 'vitest';
import { assertionSchema, evaluateAssertion, scoreItem, type Assertion, type Observation } from '../../worker/evals';
import { createEchoProvider } from '../../worker/providers';
import { scriptedLlm } from '../engine/helpers';

const obs = (over: Partial<Observation> = {}): Observation => ({
  input: { question: 'How do I fix E5 on the X1000?' },
  expected: 'E5 is overheating: check the vent.',
  output: 'E5 means overheating. 1. Check the vent.',
  status: 'ok',
  trace: [
    { nodeId: 'classify', type: 'prompt', status: 'ok', output: { topic: 'technical' }, model: 'gpt-4o-mini' },
    { nodeId: 'route', type: 'condition', status: 'ok', output: { case: 'x1000_technical' }, handle: 'x1000_technical' },
    { nodeId: 'specialist', type: 'finetuned', status: 'fell_back', error: { code: 'provider_model_not_found', message: 'gone' } },
    { nodeId: 'general', type: 'prompt', status: 'skipped' },
  ],
  usage: { inputTokens: 100, outputTokens: 20, calls: 2 },
  latencyMs: 850,
  costUsd: 0.00012,
  ...over,
});
const check = async (a: unknown, o = obs(), judge?: Parameters<typeof evaluateAssertion>[2]) => evaluateAssertion(assertionSchema.parse(a), o, judge);

describe('text and structure assertions', () => {
  it.each([
    [{ type: 'contains', value: 'Check the vent' }, true],
    [{ type: 'contains', value: 'check the vent' }, false],
    [{ type: 'icontains', value: 'CHECK THE VENT' }, true],
    [{ type: 'contains-any', value: ['breaker', 'vent'] }, true],
    [{ type: 'contains-all', value: ['breaker', 'vent'] }, false],
    [{ type: 'icontains-all', value: ['e5', 'VENT'] }, true],
    [{ type: 'icontains-any', value: ['breaker', 'technician'] }, false],
    [{ type: 'starts-with', value: 'E5 means' }, true],
    [{ type: 'regex', value: '^E[0-9] means' }, true],
    [{ type: 'regex', value: 'e5', flags: 'i' }, true],
    [{ type: 'equals', value: 'E5 means overheating. 1. Check the vent.' }, true],
    [{ type: 'equals', value: 'E5' }, false],
    [{ type: 'is-json' }, false],
  ])('%j passes: %s', async (a, pass) => {
    expect((await check(a)).pass).toBe(pass);
  });

  it('compares JSON structurally and checks JSON Schemas', async () => {
    const json = obs({ output: { topic: 'billing', confidence: 0.9 } });
    expect((await check({ type: 'equals', value: { confidence: 0.9, topic: 'billing' } }, json)).pass).toBe(true);
    expect((await check({ type: 'equals', value: { topic: 'billing' } }, json)).pass).toBe(false);
    expect((await check({ type: 'is-json' }, obs({ output: '```json\n{"a": 1}\n```' }))).pass).toBe(true);
    const schema = { type: 'object', properties: { topic: { enum: ['technical'] } }, required: ['topic'] };
    const r = await check({ type: 'json-schema', value: schema }, json);
    expect(r.pass).toBe(false);
    expect(r.reason).toContain('/topic');
  });

  it('renders values as templates over the item, so one assertion reads each expected answer', async () => {
    const o = obs({ expected: { code: 'E5' }, input: { question: 'q', code: 'E5' } });
    expect((await check({ type: 'icontains', value: '{{expected.code}}' }, o)).pass).toBe(true);
    expect((await check({ type: 'contains', value: '{{input.code}} means' }, o)).pass).toBe(true);
  });

  it('refuses regexes RE2 cannot run in linear time, as a failed check with the reason', async () => {
    const r = await check({ type: 'regex', value: '(a)\\1' });
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/^error: /);
  });
});

describe('CEL, node and ceiling assertions', () => {
  it('evaluates CEL over input, expected, output, trace, usage, latencyMs and costUsd', async () => {
    expect((await check({ type: 'cel', value: 'output.contains(input.question.substring(13, 15)) && latencyMs < 1000' })).pass).toBe(true);
    expect((await check({ type: 'cel', value: 'trace.classify.output.topic == "technical" && trace.specialist.handle == "fallback"' })).pass).toBe(true);
    expect((await check({ type: 'cel', value: 'usage.inputTokens + usage.outputTokens == 120 && costUsd < 0.001' })).pass).toBe(true);
    const score = await check({ type: 'cel', value: '0.25' });
    expect([score.pass, score.score]).toEqual([false, 0.25]);
    expect((await check({ type: 'cel', value: '"text"' })).reason).toContain('true/false or a score');
  });

  it("checks a node's status, the handle it took and its output", async () => {
    expect((await check({ type: 'node', node: 'route', handle: 'x1000_technical' })).pass).toBe(true);
    expect((await check({ type: 'node', node: 'route', handle: 'default' })).reason).toBe('route: took x1000_technical, not default');
    expect((await check({ type: 'node', node: 'specialist', status: 'fell_back', handle: 'fallback' })).pass).toBe(true);
    expect((await check({ type: 'node', node: 'classify', equals: { topic: 'technical' }, contains: 'tech' })).pass).toBe(true);
    expect((await check({ type: 'node', node: 'ghost' })).reason).toBe('no node "ghost" in the trace');
  });

  it('applies latency and cost ceilings; an unknown cost fails', async () => {
    expect((await check({ type: 'latency', threshold: 1000 })).pass).toBe(true);
    expect((await check({ type: 'latency', threshold: 500 })).pass).toBe(false);
    expect((await check({ type: 'cost', threshold: 0.0001 })).pass).toBe(false);
    expect((await check({ type: 'cost', threshold: 1 }, obs({ costUsd: null }))).reason).toContain('unknown');
  });
});

describe('negation, weights and item scores', () => {
  it('negates the result and the score', async () => {
    const r = await check({ type: 'contains', value: 'refund', negate: true });
    expect([r.pass, r.score, r.name]).toEqual([true, 1, 'not-contains refund']);
  });

  it('passes an item when every weighted check passes, or when the weighted score reaches the threshold', async () => {
    const results = await Promise.all(
      [
        { type: 'contains', value: 'vent', weight: 3 },
        { type: 'contains', value: 'breaker', weight: 1 },
        { type: 'contains', value: 'nothing', weight: 0 },
      ].map((a) => check(a)),
    );
    expect(scoreItem(results, true)).toEqual({ pass: false, score: 0.75 });
    expect(scoreItem(results, true, 0.75)).toEqual({ pass: true, score: 0.75 });
    expect(scoreItem(results, true, 0.8).pass).toBe(false);
  });

  it('fails an item whose run failed, whatever its checks say', async () => {
    const results = [await check({ type: 'contains', value: 'vent' })];
    expect(scoreItem(results, false)).toEqual({ pass: false, score: 0 });
  });
});

describe('model-graded assertions', () => {
  const judgeWith = (text: string) => ({ llm: scriptedLlm({ judge: () => text }), config: { model: 'judge' } });

  it('llm-rubric passes from the threshold and sends the rubric and the answer to the judge', async () => {
    const judge = judgeWith('{"reason": "names the code", "score": 0.8}');
    const r = await check({ type: 'llm-rubric', value: 'Names the error code {{expected}}', threshold: 0.7 }, obs(), judge);
    expect([r.pass, r.score]).toEqual([true, 0.8]);
    const sent = (judge.llm as ReturnType<typeof scriptedLlm>).calls[0];
    expect(sent.messages[1].content).toContain('Names the error code E5 is overheating');
    expect(sent.messages[1].content).toContain('Answer:\nE5 means overheating.');
    expect(sent.responseFormat?.type).toBe('json');
    expect(r.judgeUsage).toEqual({ model: 'judge', inputTokens: 7, outputTokens: 3 });
    expect((await check({ type: 'llm-rubric', value: 'x', threshold: 0.9 }, obs(), judge)).pass).toBe(false);
  });

  it('factuality fails on disagreement (D) and passes the other categories', async () => {
    expect((await check({ type: 'factuality' }, obs(), judgeWith('{"reason": "r", "choice": "D"}'))).pass).toBe(false);
    expect((await check({ type: 'factuality' }, obs(), judgeWith('{"reason": "r", "choice": "A"}'))).pass).toBe(true);
    expect((await check({ type: 'factuality' }, obs({ expected: undefined }), judgeWith('{}'))).reason).toContain('no expected answer');
  });

  it('marks checks the echo provider would judge as ungraded, weighing nothing', async () => {
    const judge = { llm: createEchoProvider(), config: { model: 'gpt-4o-mini' } };
    const r = await check({ type: 'llm-rubric', value: 'anything', weight: 5 }, obs(), judge);
    expect([r.ungraded, r.weight, r.pass]).toEqual([true, 0, false]);
    expect(scoreItem([r], true)).toEqual({ pass: true, score: 1 });
  });

  it('reports a judge that does not answer JSON, and a missing judge, as failed checks', async () => {
    expect((await check({ type: 'llm-rubric', value: 'x' }, obs(), judgeWith('great answer!'))).reason).toContain('did not answer JSON');
    expect((await check({ type: 'llm-rubric', value: 'x' } satisfies Assertion)).reason).toContain('needs a judge');
  });
});
