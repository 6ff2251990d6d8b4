// Jobs for a flow's node, started from a dataset the worker has, and Adopt: the model written into
// the fine-tuned node as a new draft (never published, no label moved), from a job or the registry.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { pollJob, registerModel } from '../../../worker/finetune/poll';
import { d1FinetuneStore } from '../../../worker/finetune/store/d1';
import { createTrainer, trainerSpecsFromEnv } from '../../../worker/finetune/trainer-config';
import type { Bindings } from '../../../worker/http/env';
import { admin, errorOf } from '../routes/helpers';
import { putLoop } from './loop-helpers';

// oxlint-disable-next-line typescript/no-explicit-any
type Loose = Record<string, any>;
const unfollowed = { FINETUNE_WORKFLOW: undefined };
const post = (path: string, json?: unknown) => admin(path, { method: 'POST', json, env: unfollowed });
const bindings = env as unknown as Bindings;

async function succeededJob(flow: string, dataset: string): Promise<Loose> {
  await putLoop(flow, dataset);
  const res = await post('/v1/finetunes', {
    trainer: 'fake-openai',
    baseModel: 'gpt-4o-mini-2024-07-18',
    dataset: { name: dataset },
    target: { flow, node: 'specialist' },
    suffix: 'loop',
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const { job } = (await res.json()) as { job: Loose };
  const store = d1FinetuneStore(bindings.WEIR_DB);
  const spec = trainerSpecsFromEnv(bindings)['fake-openai'];
  for (let i = 0; i < 20 && !(await pollJob(store, createTrainer('fake-openai', spec), job.id)).terminal; i++);
  await registerModel(store, job.id, spec);
  return (await store.getJob(job.id))!;
}

describe('a job for a flow node, from a dataset in the worker', () => {
  it('exports the train and validation splits, records the target and the dataset hash, and shows them on GET', async () => {
    await putLoop('tgt-flow', 'tgt-data');
    const dataset = (await (await admin('/v1/datasets/tgt-data')).json()) as Loose;
    const plan = (await (
      await post('/v1/finetunes/validate', { trainer: 'fake-openai', baseModel: 'gpt-4o-mini-2024-07-18', dataset: { name: 'tgt-data' } })
    ).json()) as Loose;
    expect(plan).toMatchObject({ valid: true, trainExamples: 10, validationExamples: 2, datasetHash: `sha256:${dataset.hash}` });
    const res = await post('/v1/finetunes', {
      trainer: 'fake-openai',
      baseModel: 'gpt-4o-mini-2024-07-18',
      dataset: { name: 'tgt-data' },
      target: { flow: 'tgt-flow', node: 'specialist' },
    });
    expect(res.status).toBe(201);
    const { job } = (await res.json()) as { job: Loose };
    expect(job).toMatchObject({
      target: { flow: 'tgt-flow', node: 'specialist' },
      datasetName: 'tgt-data',
      trainExamples: 10,
      evalRunId: null,
      adopted: null,
    });
    const read = (await (await admin(`/v1/finetunes/${job.id}`)).json()) as Loose;
    expect(read.job.target).toEqual({ flow: 'tgt-flow', node: 'specialist' });
    expect(read.job.datasetHash).toBe(`sha256:${dataset.hash}`);
    expect(read.events[0].message).toContain('for tgt-flow node specialist');
  });

  it('refuses a target that is not a model node of an existing flow, and a dataset it cannot train on', async () => {
    await putLoop('tgt-bad', 'tgt-small', 3);
    const start = (extra: Loose) =>
      post('/v1/finetunes', { trainer: 'fake-openai', baseModel: 'gpt-4o-mini-2024-07-18', dataset: { name: 'tgt-small' }, ...extra });
    const noFlow = await start({ target: { flow: 'no-such-flow', node: 'specialist' } });
    expect(noFlow.status).toBe(404);
    expect((await errorOf(noFlow)).code).toBe('flow_not_found');
    const noNode = await start({ target: { flow: 'tgt-bad', node: 'nope' } });
    expect(noNode.status).toBe(422);
    expect((await errorOf(noNode)).code).toBe('unknown_node');
    const output = await start({ target: { flow: 'tgt-bad', node: 'answer' } });
    expect(output.status).toBe(422);
    expect((await errorOf(output)).code).toBe('not_a_model_node');
    const tooFew = await start({ target: { flow: 'tgt-bad', node: 'specialist' } });
    expect(tooFew.status).toBe(422);
    expect(await errorOf(tooFew)).toMatchObject({ code: 'invalid_training_data' });
    const noData = await start({ dataset: { name: 'no-such-dataset' } });
    expect(noData.status).toBe(404);
    expect((await errorOf(noData)).code).toBe('dataset_not_found');
    const neither = await post('/v1/finetunes', { trainer: 'fake-openai', baseModel: 'gpt-4o-mini-2024-07-18' });
    expect(neither.status).toBe(400);
    expect((await errorOf(neither)).issues!.map((i) => i.path)).toContain('$.training');
  });
});

describe('POST /v1/finetunes/:id/adopt', () => {
  it('writes the model into the target node as a new draft, publishing nothing and moving no label', async () => {
    const job = await succeededJob('adopt-flow', 'adopt-data');
    expect(job.status).toBe('succeeded');
    const published = await post('/v1/flows/adopt-flow/versions', { note: 'v1' });
    expect(published.status).toBe(201);
    await admin('/v1/flows/adopt-flow/labels/production', { method: 'PUT', json: { version: 1 } });

    const res = await post(`/v1/finetunes/${job.id}/adopt`);
    expect(res.status, await res.clone().text()).toBe(200);
    const adopted = (await res.json()) as Loose;
    expect(adopted).toMatchObject({ flow: 'adopt-flow', node: 'specialist', model: job.fineTunedModel, unchanged: false });
    expect(adopted.diff.changes).toEqual([
      { path: 'data.model', kind: 'changed', before: 'ft:gpt-4o-mini-2024-07-18:acme:old:1', after: job.fineTunedModel },
    ]);
    expect(adopted.diff.summary[0]).toContain('specialist.data.model');
    const draft = (await (await admin('/v1/flows/adopt-flow')).json()) as Loose;
    expect(draft.flow.nodes.find((n: Loose) => n.id === 'specialist').data.model).toBe(job.fineTunedModel);
    const versions = (await (await admin('/v1/flows/adopt-flow/versions')).json()) as Loose;
    expect(versions.versions).toHaveLength(1);
    expect(versions.labels).toEqual({ production: 1 });
    const read = (await (await admin(`/v1/finetunes/${job.id}`)).json()) as Loose;
    expect(read.job.adopted).toMatchObject({ flow: 'adopt-flow', node: 'specialist' });
    expect(read.events.map((e: Loose) => e.type)).toContain('adopt');

    const again = (await (await post(`/v1/finetunes/${job.id}/adopt`)).json()) as Loose;
    expect(again.unchanged).toBe(true);
  });

  it('answers 409 before the job succeeds, 422 with no target, and 404 for an unknown job', async () => {
    await putLoop('adopt-early', 'adopt-early-data');
    const { job } = (await (
      await post('/v1/finetunes', { trainer: 'fake-openai', baseModel: 'gpt-4o-mini-2024-07-18', dataset: { name: 'adopt-early-data' } })
    ).json()) as { job: Loose };
    const early = await post(`/v1/finetunes/${job.id}/adopt`, { flow: 'adopt-early', node: 'specialist' });
    expect(early.status).toBe(409);
    expect((await errorOf(early)).code).toBe('job_not_succeeded');
    const store = d1FinetuneStore(bindings.WEIR_DB);
    await store.updateJob(job.id, { status: 'succeeded', fineTunedModel: 'ft:gpt-4o-mini-2024-07-18:fake-org::early' });
    const noTarget = await post(`/v1/finetunes/${job.id}/adopt`);
    expect(noTarget.status).toBe(422);
    expect((await errorOf(noTarget)).code).toBe('no_target');
    const notFinetuned = await post(`/v1/finetunes/${job.id}/adopt`, { flow: 'adopt-early', node: 'detailed' });
    expect(notFinetuned.status).toBe(422);
    expect((await errorOf(notFinetuned)).code).toBe('not_a_model_node');
    const ok = await post(`/v1/finetunes/${job.id}/adopt`, { flow: 'adopt-early', node: 'specialist' });
    expect(ok.status).toBe(200);
    expect((await post('/v1/finetunes/ftj_nope/adopt')).status).toBe(404);
    expect((await admin(`/v1/finetunes/${job.id}/adopt`, { method: 'POST', json: { flow: 'Bad Id' } })).status).toBe(400);
    const anonymous = await admin(`/v1/finetunes/${job.id}/adopt`, { method: 'POST', token: 'wrong' });
    expect(anonymous.status).toBe(401);
  });
});

describe('POST /v1/models/registry/:model/adopt', () => {
  it('adopts a registered model into a node, and refuses unknown models and missing targets', async () => {
    await putLoop('reg-adopt', 'reg-adopt-data');
    const model = 'ft:gpt-4o-mini-2024-07-18:acme:by-hand:42';
    const reg = await admin('/v1/models/registry', {
      method: 'POST',
      json: { model, provider: 'default', baseModel: 'gpt-4o-mini-2024-07-18' },
    });
    expect(reg.status).toBe(201);
    const path = `/v1/models/registry/${encodeURIComponent(model)}/adopt`;
    const res = await admin(path, { method: 'POST', json: { flow: 'reg-adopt', node: 'specialist' } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as Loose).draft.nodes.find((n: Loose) => n.id === 'specialist').data).toMatchObject({
      model,
      baseModel: 'gpt-4o-mini-2024-07-18',
    });
    expect((await admin(path, { method: 'POST', json: { flow: 'reg-adopt' } })).status).toBe(400);
    const unknown = await admin(`/v1/models/registry/${encodeURIComponent('ft:nope')}/adopt`, {
      method: 'POST',
      json: { flow: 'reg-adopt', node: 'specialist' },
    });
    expect(unknown.status).toBe(404);
  });
});
