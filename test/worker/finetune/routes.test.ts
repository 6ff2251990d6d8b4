// The admin routes under /v1/finetunes and /v1/models/registry: validate with an estimate, start,
// list, read with events and checkpoints, cancel, the registry and its PATCH, and every error as
// JSON (bad body, bad data, unknown trainer, no trainers, a file the provider rejects, a refused
// key, over budget, unknown job, no token).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { pollJob, registerModel } from '../../../worker/finetune/poll';
import { registryRetirements } from '../../../worker/finetune/retirements';
import { d1FinetuneStore } from '../../../worker/finetune/store/d1';
import { trainerSpecsFromEnv, createTrainer } from '../../../worker/finetune/trainer-config';
import type { Bindings } from '../../../worker/http/env';
import { admin, call, errorOf, INVOKE } from '../routes/helpers';
import { badFile, dpoFile, sftFile } from './helpers';

/** Parsed JSON the tests reach into freely; a precise type would only add casts. */
// oxlint-disable-next-line typescript/no-explicit-any
type Loose = Record<string, any>;

const unfollowed = { FINETUNE_WORKFLOW: undefined };
const post = (path: string, json: unknown, extraEnv: Partial<Bindings> = {}) =>
  admin(path, { method: 'POST', json, env: { ...unfollowed, ...extraEnv } });
const body = (extra: Record<string, unknown> = {}) => ({
  trainer: 'fake-openai',
  baseModel: 'gpt-4o-mini-2024-07-18',
  training: sftFile(),
  ...extra,
});

describe('POST /v1/finetunes/validate', () => {
  it('counts examples and tokens and estimates the cost before anything starts', async () => {
    const res = await post('/v1/finetunes/validate', body({ validation: sftFile(3), hyperparameters: { epochs: 2 } }));
    expect(res.status).toBe(200);
    const plan = (await res.json()) as Loose;
    expect(plan).toMatchObject({
      valid: true,
      problems: [],
      trainExamples: 12,
      validationExamples: 3,
      epochs: 2,
      trainer: 'fake-openai',
      type: 'openai',
    });
    expect(plan.trainTokens).toBeGreaterThan(100);
    expect(plan.estimate.billedTokens).toBe(plan.trainTokens * 2);
    expect(plan.estimate.costUsd).toBeCloseTo((plan.trainTokens * 2 * 3) / 1e6, 8);
    expect(plan.estimate.trainingPerMTok).toBe(3);
    expect(plan.datasetHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('lists every bad line and too few examples, and says the price is unknown rather than 0', async () => {
    const res = await post('/v1/finetunes/validate', body({ training: badFile(), baseModel: 'some-unpriced-model' }));
    const plan = (await res.json()) as Loose;
    expect(plan.valid).toBe(false);
    expect(plan.problems.map((p: { code: string }) => p.code)).toEqual(['bad_example', 'too_few_examples']);
    expect(plan.problems[0].message).toContain('train line 2');
    expect(plan.estimate.costUsd).toBeNull();
  });

  it('warns about settings the trainer ignores without refusing the job', async () => {
    const plan = (await (await post('/v1/finetunes/validate', body({ hyperparameters: { loraRank: 8 } }))).json()) as Loose;
    expect(plan.valid).toBe(true);
    expect(plan.problems).toEqual([
      expect.objectContaining({ code: 'ignored_setting', path: 'hyperparameters.loraRank', severity: 'warning' }),
    ]);
  });

  it('checks DPO files in their own shape', async () => {
    const ok = (await (await post('/v1/finetunes/validate', body({ method: 'dpo', training: dpoFile() }))).json()) as { valid: boolean };
    expect(ok.valid).toBe(true);
    const wrong = (await (await post('/v1/finetunes/validate', body({ method: 'dpo' }))).json()) as {
      valid: boolean;
      problems: { message: string }[];
    };
    expect(wrong.valid).toBe(false);
    expect(wrong.problems[0].message).toContain('preferred_output');
  });

  it('answers 400 for a malformed body, 404 for an unknown trainer and 503 when no trainer is configured', async () => {
    const bad = await post('/v1/finetunes/validate', { trainer: 'fake-openai', training: 5 });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues!.map((i) => i.path)).toEqual(expect.arrayContaining(['$.baseModel', '$.training']));
    const unknown = await post('/v1/finetunes/validate', body({ trainer: 'nope' }));
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).message).toContain('fake-openai');
    const none = await post('/v1/finetunes/validate', body(), { TRAINERS: '' });
    expect(none.status).toBe(503);
    expect((await errorOf(none)).code).toBe('no_trainers');
    const broken = await post('/v1/finetunes/validate', body(), {
      TRAINERS: '{"x": {"type": "openai", "baseURL": "http://a", "apiKey": "sk-inline"}}',
    });
    expect(broken.status).toBe(500);
    expect(await errorOf(broken)).toMatchObject({ code: 'trainer_config' });
    expect(
      (
        await errorOf(
          await post('/v1/finetunes/validate', body(), {
            TRAINERS: '{"x": {"type": "openai", "baseURL": "http://a", "apiKey": "sk-inline"}}',
          }),
        )
      ).message,
    ).not.toContain('sk-inline');
  });
});

describe('POST /v1/finetunes', () => {
  it('uploads, starts the job and records it with its estimate and dataset', async () => {
    const res = await post('/v1/finetunes', body({ suffix: 'x1000', dataset: { name: 'support-x1000' } }));
    expect(res.status).toBe(201);
    const out = (await res.json()) as Loose;
    expect(out.job).toMatchObject({
      trainer: 'fake-openai',
      trainerType: 'openai',
      status: 'validating',
      rawStatus: 'validating_files',
      method: 'supervised',
      suffix: 'x1000',
      datasetName: 'support-x1000',
      trainExamples: 12,
    });
    expect(out.job.providerJobId).toMatch(/^ftjob-/);
    expect(out.job.trainingFileId).toMatch(/^file-/);
    expect(out.estimate.costUsd).toBeGreaterThan(0);
    expect(out.following).toBe(false);
    const got = (await (await admin(`/v1/finetunes/${out.job.id}`)).json()) as Loose;
    expect(got.job.id).toBe(out.job.id);
    expect(got.events[0]).toMatchObject({ id: 'weir:created', type: 'status' });
    expect(got.checkpoints).toEqual([]);
  });

  it('uses the provider’s own estimate where there is one (Together)', async () => {
    const out = (await (
      await post('/v1/finetunes', body({ trainer: 'fake-together', baseModel: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference' }))
    ).json()) as Loose;
    expect(out.job.estimateSource).toBe('together /fine-tunes/estimate-price');
    expect(out.job.estimatedCostUsd).toBeGreaterThan(0);
  });

  it('refuses bad data with 422 and every problem, and starts nothing', async () => {
    const res = await post('/v1/finetunes', body({ training: badFile() }));
    expect(res.status).toBe(422);
    const err = await errorOf(res);
    expect(err.code).toBe('invalid_training_data');
    expect(err.issues!.length).toBe(2);
  });

  it('refuses to start over the spending cap', async () => {
    const res = await post('/v1/finetunes', body({ baseModel: 'gpt-4o-2024-08-06', maxCostUsd: 0.000001 }));
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues![0].code).toBe('over_budget');
  });

  it('reports a file the provider rejects as 422 with its message, and a refused key as 502', async () => {
    const emptyAnswer = JSON.stringify({
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: '' },
      ],
    });
    const rejected = await post(
      '/v1/finetunes',
      body({ trainer: 'fake-fireworks', baseModel: 'accounts/fireworks/models/llama-v3p1-8b-instruct', training: sftFile() + emptyAnswer }),
    );
    expect(rejected.status).toBe(422);
    expect(await errorOf(rejected)).toMatchObject({ code: 'trainer_bad_request' });
    const refused = await post('/v1/finetunes', body(), { FAKE_TRAINER_KEY: 'fake-bad-key' });
    expect(refused.status).toBe(502);
    const err = await errorOf(refused);
    expect(err.code).toBe('trainer_auth');
    expect(err.message).not.toContain('fake-bad-key');
  });
});

describe('listing, reading and cancelling jobs', () => {
  it('lists jobs newest first, filters by status and rejects a bad filter', async () => {
    const a = (await (await post('/v1/finetunes', body())).json()) as { job: { id: string } };
    const list = (await (await admin('/v1/finetunes?status=validating')).json()) as { jobs: { id: string; status: string }[] };
    expect(list.jobs.map((j) => j.id)).toContain(a.job.id);
    expect(list.jobs.every((j) => j.status === 'validating')).toBe(true);
    expect((await admin('/v1/finetunes?status=done')).status).toBe(400);
    expect((await admin('/v1/finetunes?limit=0')).status).toBe(400);
  });

  it('cancels a job once, then answers 409', async () => {
    const { job } = (await (await post('/v1/finetunes', body())).json()) as { job: { id: string } };
    const res = await post(`/v1/finetunes/${job.id}/cancel`, undefined);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { job: { status: string } }).job.status).toBe('cancelled');
    const again = await post(`/v1/finetunes/${job.id}/cancel`, undefined);
    expect(again.status).toBe(409);
  });

  it('cannot follow a job without the Workflow binding', async () => {
    const { job } = (await (await post('/v1/finetunes', body())).json()) as { job: { id: string } };
    const res = await post(`/v1/finetunes/${job.id}/follow`, undefined);
    expect(res.status).toBe(503);
    expect((await errorOf(res)).code).toBe('no_workflow');
  });

  it('answers 404 for an unknown job and refuses callers without the admin token', async () => {
    expect((await admin('/v1/finetunes/ftj_nope')).status).toBe(404);
    expect((await errorOf(await admin('/v1/finetunes/ftj_nope'))).code).toBe('not_found');
    expect((await call('/v1/finetunes')).status).toBe(401);
    expect((await call('/v1/finetunes', { token: INVOKE })).status).toBe(403);
    expect((await call('/v1/models/registry', { token: INVOKE })).status).toBe(403);
  });
});

describe('the model registry', () => {
  it('registers a model trained outside Weir by hand, once', async () => {
    const model = `ft:gpt-4o-mini-2024-07-18:acme:legacy:${crypto.randomUUID().slice(0, 8)}`;
    const json = {
      model,
      provider: 'default',
      baseModel: 'gpt-4o-mini-2024-07-18',
      trainingCostUsd: 4.2,
      retiresAt: '2027-06-30',
      prices: { inputPerMTok: 0.3, outputPerMTok: 1.2 },
    };
    const res = await admin('/v1/models/registry', { method: 'POST', json });
    expect(res.status).toBe(201);
    const listed = (await (await admin('/v1/models/registry')).json()) as { models: Loose[] };
    expect(listed.models.find((m) => m.model === model)).toMatchObject({
      trainer: null,
      jobId: null,
      datasetHash: null,
      trainingCostUsd: 4.2,
      trainingCostSource: 'provider',
      retiresAt: '2027-06-30',
      prices: { inputPerMTok: 0.3, cachedInputPerMTok: null, outputPerMTok: 1.2 },
    });
    expect((await admin('/v1/models/registry', { method: 'POST', json })).status).toBe(409);
    const bad = await admin('/v1/models/registry', { method: 'POST', json: { model, provider: 'default' } });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues!.map((i) => i.path)).toContain('$.baseModel');
  });

  it('lists a succeeded job’s model and takes hosting, prices and a retirement date', async () => {
    const bindings = env as unknown as Bindings;
    const { job } = (await (
      await post('/v1/finetunes', body({ trainer: 'fake-together', baseModel: 'meta-llama/Llama-3-8b', suffix: 'reg' }))
    ).json()) as { job: { id: string } };
    const store = d1FinetuneStore(bindings.WEIR_DB);
    const spec = trainerSpecsFromEnv(bindings)['fake-together'];
    for (let i = 0; i < 20 && !(await pollJob(store, createTrainer('fake-together', spec), job.id)).terminal; i++);
    const entry = (await registerModel(store, job.id, spec))!;
    expect(entry.provider).toBe('together');
    expect(entry.trainingCostSource).toBe('estimate');

    const listed = (await (await admin('/v1/models/registry')).json()) as { models: Loose[] };
    expect(listed.models.find((m) => m.model === entry.model)).toMatchObject({
      jobId: job.id,
      baseModel: 'meta-llama/Llama-3-8b',
      hostingPerHour: null,
      retiresAt: null,
      retirement: null,
    });

    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const patched = await admin(`/v1/models/registry/${encodeURIComponent(entry.model)}`, {
      method: 'PATCH',
      json: { hostingPerHour: 2.5, retiresAt: soon, prices: { inputPerMTok: 0.2, outputPerMTok: 0.2 } },
    });
    expect(patched.status).toBe(200);
    const again = (await (await admin('/v1/models/registry')).json()) as { models: Loose[] };
    expect(again.models.find((m) => m.model === entry.model)).toMatchObject({
      hostingPerHour: 2.5,
      retiresAt: soon,
      retirement: 'retiring',
      prices: { inputPerMTok: 0.2, cachedInputPerMTok: null, outputPerMTok: 0.2 },
    });

    expect(await registryRetirements(store)).toContainEqual({ model: entry.model, retiresAt: soon, baseModel: 'meta-llama/Llama-3-8b' });

    expect((await admin('/v1/models/registry/nope', { method: 'PATCH', json: { hostingPerHour: 1 } })).status).toBe(404);
    expect(
      (await admin(`/v1/models/registry/${encodeURIComponent(entry.model)}`, { method: 'PATCH', json: { hostingPerHour: -1 } })).status,
    ).toBe(400);
  });
});
