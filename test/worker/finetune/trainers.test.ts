// Every trainer adapter against the fake server's wire shapes: upload, create, a job that
// progresses to success with events, checkpoints and losses, DPO, and each failure mode (a file
// rejected in validation, a failed job, a cancelled job, a refused key, an unknown job).
import { describe, expect, it } from 'vitest';
import { TERMINAL } from '../../../worker/finetune/trainer';
import { badFile, dpoFile, fakeBase, fakeRequests, follow, rejection, sftFile, trainerFor } from './helpers';

const kinds = ['openai', 'azure', 'together', 'fireworks'] as const;

describe.each(kinds)('the %s trainer', (kind) => {
  it('uploads a file, starts a supervised job and follows it to a fine-tuned model', async () => {
    const trainer = trainerFor(kind);
    const file = await trainer.uploadFile('x1000-train.jsonl', sftFile());
    expect(file.id).toBeTruthy();
    expect(file.ready).toBe(true);
    const created = await trainer.createJob({
      baseModel: kind === 'fireworks' ? 'accounts/fireworks/models/llama-v3p1-8b-instruct' : 'gpt-4o-mini-2024-07-18',
      method: 'supervised',
      trainingFileId: file.id,
      hyperparameters: { epochs: 3 },
      suffix: 'x1000',
    });
    expect(created.status === 'validating' || created.status === 'queued').toBe(true);
    const seen = await follow(trainer, created.providerJobId);
    const last = seen.at(-1)!;
    expect(last.status).toBe('succeeded');
    expect(last.fineTunedModel).toBeTruthy();
    expect(last.error).toBeNull();
    expect(new Set(seen.map((s) => s.status))).toContain('running');
    expect(seen.every((s) => s.rawStatus.length > 0)).toBe(true);
    const events = await trainer.events(created.providerJobId);
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const checkpoints = await trainer.checkpoints(created.providerJobId);
    if (trainer.supports.checkpoints) {
      expect(checkpoints.map((c) => c.step)).toEqual([10, 20, 30]);
      expect(checkpoints.every((c) => typeof c.trainLoss === 'number')).toBe(true);
      expect(checkpoints[2].trainLoss!).toBeLessThan(checkpoints[0].trainLoss!);
    } else expect(checkpoints).toEqual([]);
    expect((await trainer.listJobs()).map((j) => j.providerJobId)).toContain(created.providerJobId);
  });

  it('starts a DPO job with its beta', async () => {
    const trainer = trainerFor(kind);
    const file = await trainer.uploadFile('prefs.jsonl', dpoFile());
    const created = await trainer.createJob({
      baseModel: 'gpt-4.1-mini-2025-04-14',
      method: 'dpo',
      trainingFileId: file.id,
      hyperparameters: { beta: 0.2, epochs: 1 },
    });
    expect((await follow(trainer, created.providerJobId)).at(-1)!.status).toBe('succeeded');
    const sent = (await fakeRequests())
      .filter((r) => r.method === 'POST' && /fine_tuning\/jobs$|fine-tunes$|dpoJobs$/.test(r.path))
      .at(-1)!;
    const body = JSON.stringify(sent.body);
    expect(body).toMatch(kind === 'together' ? /"dpo_beta":0.2/ : kind === 'fireworks' ? /"klBeta":0.2/ : /"beta":0.2/);
  });

  it('reports a training file the provider rejects in validation', async () => {
    const trainer = trainerFor(kind);
    if (kind === 'openai' || kind === 'azure') {
      // OpenAI accepts the upload and fails the job while validating files.
      const file = await trainer.uploadFile('bad.jsonl', badFile());
      const created = await trainer.createJob({
        baseModel: 'gpt-4o-mini-2024-07-18',
        method: 'supervised',
        trainingFileId: file.id,
        hyperparameters: {},
      });
      const last = (await follow(trainer, created.providerJobId)).at(-1)!;
      expect(last).toMatchObject({ status: 'failed', rawStatus: 'failed', error: { code: 'invalid_training_file' } });
      expect(last.error!.message).toContain('Line 2');
    } else {
      const err = await rejection(trainer.uploadFile('bad.jsonl', badFile()));
      expect(err.code).toBe('trainer_bad_request');
      expect(err.message).toContain('Line 2');
    }
  });

  it('reports a job that fails during training with the provider’s message', async () => {
    const trainer = trainerFor(kind);
    const file = await trainer.uploadFile('train.jsonl', sftFile());
    const created = await trainer.createJob({
      baseModel: 'fake-ft-fail-model',
      method: 'supervised',
      trainingFileId: file.id,
      hyperparameters: {},
    });
    const last = (await follow(trainer, created.providerJobId)).at(-1)!;
    expect(last.status).toBe('failed');
    expect(last.fineTunedModel).toBeNull();
    expect(last.error?.message).toContain('fake failure');
    expect((await trainer.events(created.providerJobId)).some((e) => e.level === 'error')).toBe(true);
  });

  it('cancels a running job, and refuses to cancel it twice', async () => {
    const trainer = trainerFor(kind);
    const file = await trainer.uploadFile('train.jsonl', sftFile());
    const created = await trainer.createJob({
      baseModel: 'fake-ft-slow-model',
      method: 'supervised',
      trainingFileId: file.id,
      hyperparameters: {},
    });
    await trainer.getJob(created.providerJobId);
    const cancelled = await trainer.cancel(created.providerJobId);
    expect(['running', 'cancelled']).toContain(cancelled.status);
    const last = (await follow(trainer, created.providerJobId)).at(-1)!;
    expect(last.status).toBe('cancelled');
    expect(TERMINAL.has(last.status)).toBe(true);
    expect((await rejection(trainer.cancel(created.providerJobId))).code).toBe('trainer_bad_request');
  });

  it('classifies a refused key and an unknown job, without the key in the message', async () => {
    const refused = await rejection(trainerFor(kind, 'fake-bad-key').uploadFile('t.jsonl', sftFile()));
    expect(refused.code).toBe('trainer_auth');
    expect(refused.message).not.toContain('fake-bad-key');
    const id = kind === 'fireworks' ? 'accounts/weir-test/supervisedFineTuningJobs/nope' : 'ftjob-nope';
    expect((await rejection(trainerFor(kind).getJob(id))).code).toBe('trainer_not_found');
  });
});

describe('Azure OpenAI', () => {
  it('sends the api-version query and the key as api-key (not as a bearer token) on every call', async () => {
    await trainerFor('azure').uploadFile('t.jsonl', sftFile());
    const last = (await fakeRequests()).filter((r) => r.path === '/files').at(-1)!;
    expect(last.query).toBe('?api-version=2025-04-01-preview');
    expect(last.apiKeyHeader).toBe('azure-test-key-1234');
    expect(last.authorization).toBeUndefined();
  });
});

describe('the Together trainer', () => {
  it('asks Together for its price estimate', async () => {
    const trainer = trainerFor('together');
    const file = await trainer.uploadFile('t.jsonl', sftFile());
    const est = await trainer.estimate({
      baseModel: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
      method: 'supervised',
      trainingFileId: file.id,
      hyperparameters: { epochs: 2 },
    });
    expect(est?.costUsd).toBeGreaterThan(0);
    expect(est?.trainTokens).toBeGreaterThan(0);
  });
});

describe('the fake trainer server', () => {
  it('plays a plan scripted through its control API, stage by stage', async () => {
    const model = `scripted-${crypto.randomUUID()}`;
    const res = await fetch(new URL('/__control/finetune/plan', fakeBase()), {
      method: 'POST',
      body: JSON.stringify({ model, stages: ['queued', 'running', 'running', 'running', 'running', 'failed'] }),
    });
    expect(res.status).toBe(200);
    const trainer = trainerFor('openai');
    const file = await trainer.uploadFile('t.jsonl', sftFile());
    const created = await trainer.createJob({ baseModel: model, method: 'supervised', trainingFileId: file.id, hyperparameters: {} });
    const seen = await follow(trainer, created.providerJobId);
    expect(seen.map((s) => s.rawStatus)).toEqual(['queued', 'running', 'running', 'running', 'running', 'failed']);
    expect((await trainer.checkpoints(created.providerJobId)).map((c) => c.step)).toEqual([10, 20, 30, 40]);
    const bad = await fetch(new URL('/__control/finetune/plan', fakeBase()), {
      method: 'POST',
      body: JSON.stringify({ model, stages: ['sideways'] }),
    });
    expect(bad.status).toBe(400);
  });
});
