// The eval runner on the engine with an in-process model client: variants as overrides, repeats
// and concurrency, failures counted as failures, node-level items, pairwise judging in both
// orders, costs from the price book, and the report with the technique comparison.
import { describe, expect, it } from 'vitest';
import type { LlmRequest } from '../../worker/engine';
import { applyOverrides, buildReport, createPriceBook, evalSchema, runEval, type EvalFile, type PreparedVariant } from '../../worker/evals';
import type { DatasetItem } from '../../worker/datasets';
import { makeFlow, scriptedLlm, staticPrompts } from '../engine/helpers';

const flow = makeFlow(
  [
    { id: 'q', type: 'input' },
    { id: 'answer', type: 'finetuned', data: { model: 'ft:gpt-4o-mini-2024-07-18:acme:x:1', baseModel: 'gpt-4o-mini-2024-07-18', prompt: { text: '{{input.question}}' } } },
    { id: 'backup', type: 'prompt', data: { model: 'gpt-4o-mini', prompt: { text: 'Detailed: {{input.question}}' } } },
    { id: 'out', type: 'output' },
  ],
  [
    ['q', 'answer'],
    ['answer', 'out'],
    ['answer', 'backup', 'fallback'],
    ['backup', 'out'],
  ],
);
const items: DatasetItem[] = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6'].map((code) => ({ id: code.toLowerCase(), input: { question: `What is ${code}?` }, expected: code }));
const evalFile = (extra: Partial<EvalFile> = {}): EvalFile =>
  evalSchema.parse({
    version: 1,
    flow: 'test-flow',
    dataset: { name: 'd' },
    variants: [{ name: 'prompt' }, { name: 'tuned' }],
    assert: [{ type: 'icontains', value: '{{expected}} fixed' }],
    ...extra,
  });
const variant = (name: string, overrides = {}): PreparedVariant => ({ name, ref: 'test-flow@draft', flow: applyOverrides(flow, overrides).flow });
const variants = [variant('prompt', { answer: { model: 'gpt-4o-mini' } }), variant('tuned')];

/** The tuned model fixes everything but E6; the base model fixes E1 to E3 only. */
const modelLike = () =>
  scriptedLlm({
    'ft:gpt-4o-mini-2024-07-18:acme:x:1': (req: LlmRequest) => (req.messages.at(-1)!.content.includes('E6') ? 'no idea' : `${req.messages.at(-1)!.content.slice(8, 10)} fixed`),
    'gpt-4o-mini': (req: LlmRequest) => {
      const code = /E\d/.exec(req.messages.at(-1)!.content)![0];
      return ['E1', 'E2', 'E3'].includes(code) ? `${code} fixed` : 'try again';
    },
  });

const run = (file: EvalFile, llm = modelLike(), vs = variants, its = items) =>
  runEval({ evalFile: file, items: its, variants: vs, llm, prompts: staticPrompts({}), prices: createPriceBook(file.prices) });

describe('runEval', () => {
  it('runs every variant on every item through the engine and checks the assertions', async () => {
    const result = await run(evalFile());
    expect(result.records).toHaveLength(12);
    const passed = (v: string) => result.records.filter((r) => r.variant === v && r.pass).map((r) => r.itemId);
    expect(passed('prompt')).toEqual(['e1', 'e2', 'e3']);
    expect(passed('tuned')).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(result.records[0].trace.find((e) => e.nodeId === 'answer')?.model).toBe('gpt-4o-mini');
  });

  it('honours repeats and the concurrency cap', async () => {
    const llm = modelLike();
    const result = await runEval({ evalFile: evalFile({ repeats: 3, concurrency: 2 }), items, variants, llm, prompts: staticPrompts({}), prices: createPriceBook() });
    expect(result.records).toHaveLength(36);
    expect(llm.maxConcurrent).toBeLessThanOrEqual(2);
    expect(new Set(result.records.map((r) => r.repeat))).toEqual(new Set([0, 1, 2]));
  });

  it('counts items that both pass and fail across repeats as flaky, passing them by majority, and times the first token', async () => {
    let call = 0;
    // Every third answer for E1 is wrong: E1 passes 2 of 3 repeats.
    const llm = scriptedLlm({ 'ft:gpt-4o-mini-2024-07-18:acme:x:1': (req) => (req.messages[0].content.includes('E1') && call++ % 3 === 2 ? 'oops' : `${req.messages[0].content.slice(8, 10)} fixed`) });
    const result = await runEval({ evalFile: evalFile({ repeats: 3, concurrency: 1 }), items: items.slice(0, 2), variants: [variant('tuned')], llm, prompts: staticPrompts({}), prices: createPriceBook() });
    const summary = buildReport({ evalFile: evalFile(), datasetHash: 'h', items: items.slice(0, 2), variants: [variant('tuned')], run: result, repeats: 3, prices: createPriceBook(), datasetTrainTokens: 0, today: '2026-12-01' });
    const v = summary.variants[0];
    expect([v.passed, v.items, v.runs, v.runPasses, v.flakyItems]).toEqual([2, 2, 6, 5, 1]);
    expect(summary.items[0].variants.tuned).toMatchObject({ pass: true, passes: 2, runs: 3, flaky: true });
    expect(result.records.every((r) => typeof r.ttftMs === 'number' && r.ttftMs <= r.latencyMs)).toBe(true);
    expect(v.ttftMs).not.toBeNull();
  });

  it('counts a fallback in the fallback rate and a failed run as a failure', async () => {
    const gone = () => Promise.reject(new Error('connection reset'));
    const fell = await run(evalFile(), scriptedLlm({ 'ft:gpt-4o-mini-2024-07-18:acme:x:1': gone, 'gpt-4o-mini': 'E1 fixed' }), [variant('tuned')], items.slice(0, 1));
    expect(fell.records[0]).toMatchObject({ status: 'ok', fellBack: true, pass: true });
    const failed = await run(evalFile(), scriptedLlm({ 'ft:gpt-4o-mini-2024-07-18:acme:x:1': gone, 'gpt-4o-mini': gone }), [variant('tuned')], items.slice(0, 1));
    expect(failed.records[0]).toMatchObject({ status: 'failed', pass: false, fellBack: true });
    expect(failed.records[0].error?.nodeId).toBe('backup');
  });

  it('records input problems as failed runs instead of stopping the eval', async () => {
    const result = await run(evalFile(), modelLike(), variants, [{ id: 'bad', input: { nope: 1 } }]);
    expect(result.records.map((r) => [r.status, r.error?.code])).toEqual([
      ['failed', 'invalid_input'],
      ['failed', 'invalid_input'],
    ]);
  });

  it("replays node-level items to the variant's model for that node", async () => {
    const node: DatasetItem = { id: 'n1', node: 'answer', messages: [{ role: 'user', content: 'What is E2?' }], expected: 'E2' };
    const result = await run(evalFile(), modelLike(), variants, [node]);
    expect(result.records.map((r) => [r.variant, r.output, r.trace[0].model])).toEqual([
      ['prompt', 'E2 fixed', 'gpt-4o-mini'],
      ['tuned', 'E2 fixed', 'ft:gpt-4o-mini-2024-07-18:acme:x:1'],
    ]);
  });

  it('costs runs from the price book: known models have a price, unknown ones make it null', async () => {
    const result = await run(evalFile());
    const tuned = result.records.find((r) => r.variant === 'tuned')!;
    expect(tuned.costUsd).toBeCloseTo((7 * 0.3 + 3 * 1.2) / 1e6, 15);
    const unknown = await run(evalFile(), modelLike(), [variant('x', { answer: { model: 'mystery' } })], items.slice(0, 1));
    expect(unknown.records[0].costUsd).toBeNull();
  });

  it('asks pairwise questions in both orders: a judge that always says "A" gives ties', async () => {
    const file = evalFile({ judge: { model: 'judge' }, pairwise: [{ a: 'prompt', b: 'tuned', rubric: 'better fix' }] });
    const answers = modelLike();
    const withJudge = (verdict: (user: string) => string) => {
      const judge = scriptedLlm({ judge: (req) => `{"reason": "r", "winner": "${verdict(req.messages[1].content)}"}` });
      return { judge, llm: { complete: (req: LlmRequest) => (req.model === 'judge' ? judge.complete(req) : answers.complete(req)) } };
    };
    const biased = withJudge(() => 'A');
    const result = await run(file, biased.llm as never);
    expect(result.pairwise).toHaveLength(6);
    expect(result.pairwise.every((p) => p.winner === 'tie')).toBe(true);
    expect(biased.judge.calls).toHaveLength(12);
    // A fair judge prefers the answer that fixed the code, whichever position it is in.
    const fixedIn = (user: string, side: 'A' | 'B') => new RegExp(`Answer ${side}:\\n\\S+ fixed`).test(user);
    const fair = withJudge((user) => (fixedIn(user, 'A') === fixedIn(user, 'B') ? 'tie' : fixedIn(user, 'A') ? 'A' : 'B'));
    const judged = await run(file, fair.llm as never);
    expect(judged.pairwise.filter((p) => p.winner === 'b').map((p) => p.itemId)).toEqual(['e4', 'e5']);
    expect(judged.pairwise.filter((p) => p.winner === 'tie')).toHaveLength(4);
  });
});

describe('buildReport', () => {
  it('summarises variants with Wilson intervals, McNemar per pair with flips, and the technique comparison', async () => {
    const file = evalFile({
      comparison: { prompt: 'prompt', finetuned: 'tuned', baseModel: 'gpt-4o-mini-2024-07-18', trainingTokens: 1_000_000, epochs: 2, retires: '2027-01-01', requestsPerDay: 10 },
      prices: { 'gpt-4o-mini': { input: 10, output: 10 } },
    });
    const result = await run(file);
    const report = buildReport({ evalFile: file, datasetHash: 'abc', items, variants, run: result, repeats: 1, prices: createPriceBook(file.prices), datasetTrainTokens: 5, today: '2026-12-01' });
    const [p, t] = report.variants;
    expect([p.name, p.passed, p.items]).toEqual(['prompt', 3, 6]);
    expect(p.interval.low).toBeCloseTo(0.1876, 4);
    expect(p.interval.high).toBeCloseTo(0.8124, 4);
    expect(t.passed).toBe(5);
    expect(report.pairs[0].flipped).toEqual([
      { itemId: 'e4', passed: 'b' },
      { itemId: 'e5', passed: 'b' },
    ]);
    expect(report.pairs[0].mcnemar.pValue).toBe(0.5);
    const c = report.comparison!;
    expect(c.training.costUsd).toBeCloseTo(6, 10);
    // prompt: 10 tokens at $10/M = 1e-4 a call; tuned: 7 × 0.3 + 3 × 1.2 per million = 5.7e-6.
    expect(c.costPerCall.prompt).toBeCloseTo(1e-4, 12);
    const expected = Math.ceil((6 + report.evalCostUsd!) / (1e-4 - 5.7e-6));
    expect(c.breakEven.requests).toBe(expected);
    expect(c.retirement.daysLeft).toBe(31);
    expect(c.retirement.warning).toContain('retires in 31');
    expect(report.items.find((i) => i.id === 'e6')!.variants.tuned.reasons[0]).toContain('missing "E6 fixed"');
  });

  it('says the fine-tune never pays back when it costs more per call', async () => {
    const file = evalFile({ comparison: { prompt: 'prompt', finetuned: 'tuned', baseModel: 'gpt-4o-mini-2024-07-18' } });
    const result = await run(file);
    const report = buildReport({ evalFile: file, datasetHash: 'abc', items, variants, run: result, repeats: 1, prices: createPriceBook(), datasetTrainTokens: 5, today: '2026-12-01' });
    expect(report.comparison!.breakEven.requests).toBeNull();
    expect(report.comparison!.breakEven.reason).toContain('never pays back');
    expect(report.comparison!.training.tokensPerEpoch).toBe(5);
  });
});

describe('applyOverrides', () => {
  it('changes a copy and reports unknown nodes, non-model nodes and a prompt node without a prompt', () => {
    const { flow: out, problems } = applyOverrides(flow, {
      answer: { prompt: null, temperature: 0.5 },
      ghost: { model: 'x' },
      out: { model: 'x' },
      backup: { prompt: null },
    });
    expect(out.nodes.find((n) => n.id === 'answer')!.data).toEqual({ model: 'ft:gpt-4o-mini-2024-07-18:acme:x:1', baseModel: 'gpt-4o-mini-2024-07-18', temperature: 0.5 });
    expect(flow.nodes.find((n) => n.id === 'answer')!.data.prompt).toBeDefined();
    expect(problems.map((p) => p.code)).toEqual(['unknown_node', 'not_a_model_node', 'prompt_required']);
  });
});
