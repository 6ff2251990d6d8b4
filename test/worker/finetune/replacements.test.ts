// POST /v1/finetunes/replacements: candidate replacements for a retiring fine-tune, evaluated
// against the node's dataset with the current fine-tune as the baseline, suggested from the
// provider's models when none are named, optionally with a re-train; and every refusal.
import { describe, expect, it } from 'vitest';
import { replacementEval, suggestCandidates } from '../../../worker/finetune/replacement';
import { parseFlow, type Flow } from '../../../worker/engine';
import { evalSchema } from '../../../worker/evals/schema';
import { waitFor } from '../eval-runs/helpers';
import { admin, errorOf } from '../routes/helpers';
import { loopFlow, putLoop } from './loop-helpers';

// oxlint-disable-next-line typescript/no-explicit-any
type Loose = Record<string, any>;
const OLD = 'ft:gpt-4o-mini-2024-07-18:acme:old:1';
const soon = () => new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
const replace = (json: unknown) => admin('/v1/finetunes/replacements', { method: 'POST', json, env: { FINETUNE_WORKFLOW: undefined } });

async function registerOld(dataset: string, retiresAt: string) {
  await admin(`/v1/models/registry/${encodeURIComponent(OLD)}`, { method: 'PATCH', json: { retiresAt } });
  const res = await admin('/v1/models/registry', {
    method: 'POST',
    json: {
      model: OLD,
      provider: 'default',
      baseModel: 'gpt-4o-mini-2024-07-18',
      datasetName: dataset,
      retiresAt,
      prices: { inputPerMTok: 0.3, outputPerMTok: 1.2 },
    },
  });
  expect([201, 409]).toContain(res.status);
}

describe('POST /v1/finetunes/replacements', () => {
  it('evaluates named candidates with the engineered prompt against the fine-tune, on the dataset it was trained on', async () => {
    await putLoop('rep-flow', 'rep-data');
    await registerOld('rep-data', soon());
    const res = await replace({
      flow: 'rep-flow',
      node: 'specialist',
      candidates: [{ model: 'gpt-4.1-mini' }, { name: 'nano', model: 'gpt-4.1-nano' }],
    });
    expect(res.status, await res.clone().text()).toBe(202);
    const body = (await res.json()) as Loose;
    expect(body.suggested).toBe(false);
    expect(body.run).toMatchObject({
      source: 'replacement',
      label: 'rep-flow/specialist',
      flow: 'rep-flow',
      dataset: { name: 'rep-data', split: 'test' },
    });
    expect(body.eval.variants.map((v: Loose) => v.name)).toEqual(['current', 'gpt-4.1-mini+prompt', 'nano']);
    expect(body.eval.variants[1].overrides.specialist).toMatchObject({
      model: 'gpt-4.1-mini',
      prompt: { text: 'Troubleshoot step by step: {{input.question}}' },
    });
    expect(body.eval.comparison).toMatchObject({ prompt: 'gpt-4.1-mini+prompt', finetuned: 'current', retires: soon() });
    const done = await waitFor(body.run.id, ['done', 'failed']);
    expect(done.run.status).toBe('done');
    expect(done.report?.variants.map((v) => v.name)).toEqual(['current', 'gpt-4.1-mini+prompt', 'nano']);
  });

  it('suggests the provider’s current models when none are named, leaving out the retiring base model', async () => {
    await putLoop('rep-suggest', 'rep-suggest-data');
    const res = await replace({ flow: 'rep-suggest', node: 'specialist', dataset: 'rep-suggest-data' });
    expect(res.status, await res.clone().text()).toBe(202);
    const body = (await res.json()) as Loose;
    expect(body.suggested).toBe(true);
    expect(body.candidates.map((c: Loose) => c.model)).toEqual(['gpt-4o-mini', 'gpt-4o']);
    await waitFor(body.run.id, ['done', 'failed']);
  });

  it('starts a re-train for the same node when asked, and checks it before anything starts', async () => {
    await putLoop('rep-retrain', 'rep-retrain-data');
    const bad = await replace({
      flow: 'rep-retrain',
      node: 'specialist',
      dataset: 'rep-retrain-data',
      retrain: { trainer: 'nope', baseModel: 'x' },
    });
    expect(bad.status).toBe(404);
    const badSuffix = await replace({
      flow: 'rep-retrain',
      node: 'specialist',
      dataset: 'rep-retrain-data',
      retrain: { trainer: 'fake-openai', baseModel: 'gpt-4o-mini-2024-07-18', suffix: 'no spaces allowed' },
    });
    expect(badSuffix.status).toBe(400);
    expect((await errorOf(badSuffix)).issues!.map((i) => i.path)).toContain('$.retrain.suffix');
    expect((await admin('/v1/eval-runs?flow=rep-retrain').then((r) => r.json())) as Loose).toMatchObject({ runs: [] });
    const res = await replace({
      flow: 'rep-retrain',
      node: 'specialist',
      dataset: 'rep-retrain-data',
      candidates: [{ model: 'gpt-4.1-mini' }],
      retrain: { trainer: 'fake-together', baseModel: 'meta-llama/Llama-3-8b' },
    });
    expect(res.status, await res.clone().text()).toBe(202);
    const body = (await res.json()) as Loose;
    expect(body.retrain.job).toMatchObject({
      trainer: 'fake-together',
      target: { flow: 'rep-retrain', node: 'specialist' },
      datasetName: 'rep-retrain-data',
    });
    await waitFor(body.run.id, ['done', 'failed']);
  });

  it('refuses an unknown flow, a node that calls no model, a flow with no known dataset and a bad body', async () => {
    await putLoop('rep-bad', 'rep-bad-data');
    // A fine-tune nobody registered, so no dataset is known for it.
    const flow = loopFlow('rep-bad');
    flow.nodes[1].data.model = 'ft:gpt-4o-mini-2024-07-18:acme:unregistered:9';
    expect((await admin('/v1/flows/rep-bad', { method: 'PUT', json: flow })).status).toBe(200);
    expect((await replace({ flow: 'rep-nothing', node: 'specialist' })).status).toBe(404);
    const output = await replace({ flow: 'rep-bad', node: 'answer' });
    expect(output.status).toBe(422);
    expect((await errorOf(output)).code).toBe('not_a_model_node');
    const noData = await replace({ flow: 'rep-bad', node: 'specialist' });
    expect(noData.status).toBe(422);
    expect((await errorOf(noData)).code).toBe('no_dataset');
    expect((await replace({ flow: 'rep-bad', node: 'specialist', dataset: 'missing-data' })).status).toBe(404);
    expect((await replace({ flow: 'rep-bad', candidates: [] })).status).toBe(400);
    expect(
      (await admin('/v1/finetunes/replacements', { method: 'POST', json: { flow: 'rep-bad', node: 'specialist' }, token: 'nope' })).status,
    ).toBe(401);
  });
});

describe('replacementEval', () => {
  const flow = parseFlow(loopFlow('pure')).flow as Flow;
  const candidates = [{ model: 'gpt-4.1-mini' }];
  it('drops the baseline once the fine-tune is retired, and stays a valid eval file', () => {
    const current = {
      model: OLD,
      baseModel: 'gpt-4o-mini-2024-07-18',
      retiresAt: '2020-01-01',
      prices: { inputPerMTok: null, cachedInputPerMTok: null, outputPerMTok: null },
      hostingPerHour: null,
    };
    const e = replacementEval({ target: { flow: 'pure', node: 'specialist' }, flow, dataset: { name: 'd' }, current, candidates });
    expect(e.variants.map((v) => v.name)).toEqual(['gpt-4.1-mini+prompt']);
    expect(e.comparison).toBeUndefined();
    expect(evalSchema.safeParse(e).success).toBe(true);
  });

  it('suggests no snapshots, fine-tunes, failure models or retiring models', () => {
    const known = [
      'gpt-4o-mini',
      'gpt-4o-mini-2024-07-18',
      'ft:x',
      'echo:fail-404',
      'gpt-3.5-turbo',
      'gpt-4o',
      'gpt-4.1',
      'gpt-4.1-mini',
      'gpt-5',
    ];
    expect(suggestCandidates(known, { models: new Set(['gpt-4o']), retiring: new Set(['gpt-4.1']) })).toEqual([
      'gpt-4o-mini',
      'gpt-4.1-mini',
      'gpt-5',
    ]);
  });
});
