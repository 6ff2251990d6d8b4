// The three-way eval builder: from a succeeded job, its target flow and node, and its dataset, an
// eval file with "base+prompt", "finetuned" and "finetuned+prompt" that the eval schema accepts and
// whose overrides apply cleanly to the flow.
import { describe, expect, it } from 'vitest';
import { parseFlow, type Flow } from '../../../worker/engine';
import { applyOverrides } from '../../../worker/evals/variant';
import { evalSchema, type EvalFile } from '../../../worker/evals/schema';
import { threeWayEval, ThreeWayError, type ThreeWayInput } from '../../../worker/finetune/three-way';
import { simpleFlow } from '../routes/helpers';
import { loopFlow } from './loop-helpers';

const flowOf = (raw: unknown): Flow => {
  const parsed = parseFlow(raw);
  if (!parsed.flow) throw new Error(JSON.stringify(parsed.problems));
  return parsed.flow;
};
const job: ThreeWayInput['job'] = {
  id: 'ftj_three',
  baseModel: 'gpt-4o-mini-2024-07-18',
  fineTunedModel: 'ft:gpt-4o-mini-2024-07-18:acme:loop:new',
  datasetName: 'loop-data',
  trainTokens: 4200,
  hyperparameters: { epochs: 2 },
};
const registry: ThreeWayInput['registry'] = {
  provider: 'fakeai',
  prices: { inputPerMTok: 0.3, cachedInputPerMTok: null, outputPerMTok: 1.2 },
  hostingPerHour: 0,
  retiresAt: '2027-07-18',
};
const overridesOf = (e: EvalFile, name: string) => e.variants.find((v) => v.name === name)!.overrides!;

describe('threeWayEval', () => {
  it('compares the engineered prompt on the base model, the fine-tune with its short prompt, and both, on the test split', () => {
    const flow = flowOf(loopFlow('loop'));
    const e = threeWayEval({ job, target: { flow: 'loop', node: 'specialist' }, flow, registry, providers: ['default', 'fakeai'] });
    expect(evalSchema.safeParse(e).success).toBe(true);
    expect(e).toMatchObject({ flow: 'loop', dataset: { name: 'loop-data', split: 'test' } });
    expect(e.variants.map((v) => v.name)).toEqual(['base+prompt', 'finetuned', 'finetuned+prompt']);
    // The engineered prompt is the one the fine-tuned node falls back to, on the base model.
    expect(overridesOf(e, 'base+prompt')).toEqual({
      specialist: {
        model: 'gpt-4o-mini-2024-07-18',
        provider: 'default',
        prompt: { text: 'Troubleshoot step by step: {{input.question}}' },
        system: 'You are X1000 support. Error codes: E1 sensor, E5 overheating.',
      },
    });
    expect(overridesOf(e, 'finetuned')).toEqual({
      specialist: { model: job.fineTunedModel, provider: 'fakeai', prompt: { text: 'Answer briefly: {{input.question}}' }, system: null },
    });
    expect(overridesOf(e, 'finetuned+prompt').specialist).toMatchObject({
      model: job.fineTunedModel,
      prompt: { text: 'Troubleshoot step by step: {{input.question}}' },
    });
    expect(e.comparison).toEqual({
      prompt: 'base+prompt',
      finetuned: 'finetuned',
      baseModel: 'gpt-4o-mini-2024-07-18',
      epochs: 2,
      trainingTokens: 4200,
      hostingPerHour: 0,
      retires: '2027-07-18',
    });
    expect(e.prices).toEqual({ [job.fineTunedModel!]: { input: 0.3, output: 1.2, hostingPerHour: 0, retires: '2027-07-18' } });
    for (const v of e.variants) expect(applyOverrides(flow, v.overrides).problems).toEqual([]);
  });

  it('sends the raw input to the fine-tune when its node has no prompt, and leaves an unconfigured provider alone', () => {
    const flow = flowOf(loopFlow('bare', { finetunedPrompt: false }));
    const e = threeWayEval({ job, target: { flow: 'bare', node: 'specialist' }, flow, registry, providers: ['default'] });
    expect(overridesOf(e, 'finetuned')).toEqual({ specialist: { model: job.fineTunedModel, prompt: null, system: null } });
    expect(overridesOf(e, 'finetuned+prompt').specialist.provider).toBeUndefined();
  });

  it('targets a prompt node: its own prompt is the engineered one, the fine-tune gets the input as it was trained', () => {
    const flow = flowOf(simpleFlow('plain'));
    const e = threeWayEval({ job, target: { flow: 'plain', node: 'answer' }, flow });
    expect(overridesOf(e, 'base+prompt').answer).toMatchObject({ model: job.baseModel, prompt: { text: 'Q: {{input.question}}' } });
    expect(overridesOf(e, 'finetuned').answer).toEqual({ model: job.fineTunedModel, prompt: { text: '{{input.question}}' }, system: null });
    for (const v of e.variants) expect(applyOverrides(flow, v.overrides).problems).toEqual([]);
  });

  it('carries an existing eval’s assertions, judge and threshold over, and judges factuality with the base model otherwise', () => {
    const flow = flowOf(loopFlow('loop'));
    const plain = threeWayEval({ job, target: { flow: 'loop', node: 'specialist' }, flow });
    expect(plain.assert).toEqual([{ type: 'factuality', metric: 'agrees with the expected answer' }]);
    expect(plain.judge).toEqual({ model: job.baseModel, temperature: 0 });
    const template = evalSchema.parse({
      version: 1,
      flow: 'loop',
      dataset: { name: 'loop-data' },
      variants: [{ name: 'a' }],
      assert: [{ type: 'icontains', value: 'E5' }],
      threshold: 0.7,
      judge: { model: 'gpt-4o' },
      comparison: { prompt: 'a', finetuned: 'a', baseModel: 'x', requestsPerDay: 500 },
    });
    const e = threeWayEval({ job, target: { flow: 'loop', node: 'specialist' }, flow, template });
    expect(e).toMatchObject({ assert: [{ type: 'icontains', value: 'E5' }], threshold: 0.7, judge: { model: 'gpt-4o' } });
    expect(e.comparison?.requestsPerDay).toBe(500);
  });

  it('says why it cannot build one: no model, no dataset, no such node, a node that calls no model', () => {
    const flow = flowOf(loopFlow('loop'));
    const target = { flow: 'loop', node: 'specialist' };
    expect(() => threeWayEval({ job: { ...job, fineTunedModel: null }, target, flow })).toThrow(ThreeWayError);
    expect(() => threeWayEval({ job: { ...job, datasetName: null }, target, flow })).toThrow(/names no dataset/);
    expect(() => threeWayEval({ job, target: { ...target, node: 'nope' }, flow })).toThrow(/no node "nope"/);
    expect(() => threeWayEval({ job, target: { ...target, node: 'answer' }, flow })).toThrow(/must call a model/);
  });
});
