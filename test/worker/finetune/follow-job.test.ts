// The follow-job Workflow in workerd: started by POST /v1/finetunes, it polls the fake trainer
// (sleeps disabled), records each status change, the events, the checkpoints with their loss and
// the tuned model in D1, registers the model, and stops on failure and cancellation too.
import { env, introspectWorkflow, introspectWorkflowInstance } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { d1FinetuneStore } from '../../../worker/finetune/store/d1';
import type { Bindings } from '../../../worker/http/env';
import type { FinetuneJob } from '../../../worker/finetune/store/types';
import { admin } from '../routes/helpers';
import { sftFile } from './helpers';

const bindings = env as unknown as Bindings;
const store = () => d1FinetuneStore(bindings.WEIR_DB);

async function start(body: Record<string, unknown>) {
  const res = await admin('/v1/finetunes', {
    method: 'POST',
    json: {
      trainer: 'fake-openai',
      baseModel: 'gpt-4o-mini-2024-07-18',
      training: sftFile(),
      suffix: 'x1000',
      dataset: { name: 'support-x1000' },
      ...body,
    },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { job: { id: string; workflowId: string; status: string }; following: boolean };
}

describe('the follow-job Workflow', () => {
  it('follows a job to success and records statuses, events, losses and the registered model', async () => {
    await using workflows = await introspectWorkflow(bindings.FINETUNE_WORKFLOW!);
    await workflows.modifyAll(async (m) => {
      await m.disableSleeps();
    });
    const { job, following } = await start({});
    expect(following).toBe(true);
    const [instance] = await workflows.get();
    const twice = await admin(`/v1/finetunes/${job.id}/follow`, { method: 'POST' });
    expect([409, 202]).toContain(twice.status); // 409 while the first follower runs; it may already have finished
    await instance.waitForStatus('complete');
    const ended = await admin(`/v1/finetunes/${job.id}/follow`, { method: 'POST' });
    expect(ended.status).toBe(409);
    expect(((await ended.json()) as { error: { message: string } }).error.message).toContain('already ended');
    const output = (await instance.getOutput()) as { status: string; registered: string; polls: number };
    expect(output.status).toBe('succeeded');
    expect(output.registered).toMatch(/^ft:gpt-4o-mini-2024-07-18:fake-org:x1000:/);
    expect(output.polls).toBeGreaterThan(3);

    const saved = (await store().getJob(job.id))!;
    expect(saved).toMatchObject({ status: 'succeeded', rawStatus: 'succeeded', fineTunedModel: output.registered, error: null });
    expect(saved.finishedAt).not.toBeNull();
    const events = await store().events(job.id);
    const statusEvents = events.filter((e) => e.type === 'status').map((e) => e.message);
    expect(statusEvents[0]).toContain('started on fake-openai');
    expect(statusEvents.some((m) => m.includes('→ running (running)'))).toBe(true);
    expect(statusEvents.at(-1)).toContain('→ succeeded (succeeded)');
    expect(events.some((e) => e.message.startsWith('New fine-tuned model created'))).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const checkpoints = await store().checkpoints(job.id);
    expect(checkpoints.map((c) => c.step)).toEqual([10, 20, 30]);
    expect(checkpoints.every((c) => c.trainLoss !== null && c.validLoss !== null)).toBe(true);

    const entry = (await store().model(output.registered))!;
    expect(entry).toMatchObject({
      provider: 'fake-openai',
      trainer: 'fake-openai',
      baseModel: 'gpt-4o-mini-2024-07-18',
      datasetName: 'support-x1000',
      jobId: job.id,
      trainingCostSource: 'trained_tokens',
    });
    expect(entry.datasetHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(entry.trainingCostUsd).toBeCloseTo((3000 * 3) / 1e6, 8); // 3,000 trained tokens at $3 per million
    expect(entry.prices).toEqual({ inputPerMTok: 0.3, cachedInputPerMTok: 0.15, outputPerMTok: 1.2 });
  });

  it('stops at a failed job with the provider’s error and registers nothing', async () => {
    await using workflows = await introspectWorkflow(bindings.FINETUNE_WORKFLOW!);
    await workflows.modifyAll(async (m) => {
      await m.disableSleeps();
    });
    const { job } = await start({ trainer: 'fake-together', baseModel: 'fake-ft-fail-model' });
    const [instance] = await workflows.get();
    await instance.waitForStatus('complete');
    expect(await instance.getOutput()).toMatchObject({ status: 'failed', rawStatus: 'error', registered: null });
    const saved = (await store().getJob(job.id))!;
    expect(saved.error?.message).toContain('fake failure');
    expect((await store().events(job.id)).some((e) => e.level === 'error')).toBe(true);
    expect(await store().registry()).not.toContainEqual(expect.objectContaining({ jobId: job.id }));
  });

  it('records a file the provider rejects while validating it (a check Weir leaves to the provider)', async () => {
    await using workflows = await introspectWorkflow(bindings.FINETUNE_WORKFLOW!);
    await workflows.modifyAll(async (m) => {
      await m.disableSleeps();
    });
    const emptyAnswer = JSON.stringify({
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: '' },
      ],
    });
    const { job } = await start({ training: sftFile() + emptyAnswer + '\n' });
    const [instance] = await workflows.get();
    await instance.waitForStatus('complete');
    expect(await instance.getOutput()).toMatchObject({ status: 'failed', rawStatus: 'failed', registered: null });
    const saved = (await store().getJob(job.id))!;
    expect(saved.error).toMatchObject({ code: 'invalid_training_file' });
    expect(saved.error!.message).toContain('Line 13: an assistant message has empty content');
  });

  it('ends when the job is cancelled through the API', async () => {
    await using workflows = await introspectWorkflow(bindings.FINETUNE_WORKFLOW!);
    const { job } = await start({ trainer: 'fake-fireworks', baseModel: 'fake-ft-slow-model' });
    const cancel = await admin(`/v1/finetunes/${job.id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    const [instance] = await workflows.get();
    await instance.modify(async (m) => {
      await m.disableSleeps();
    });
    await instance.waitForStatus('complete');
    expect(await instance.getOutput()).toMatchObject({ status: 'cancelled', rawStatus: 'JOB_STATE_CANCELLED', registered: null });
    expect((await store().events(job.id)).map((e) => e.id)).toContain('weir:cancel-requested');
  });

  it('survives failing and timed-out poll steps: retried, nothing recorded twice, same outcome', async () => {
    await using workflows = await introspectWorkflow(bindings.FINETUNE_WORKFLOW!);
    await workflows.modifyAll(async (m) => {
      await m.disableSleeps();
      await m.disableRetryDelays();
      await m.mockStepError({ name: 'poll 2' }, new Error('the provider answered 503'), 2);
      await m.forceStepTimeout({ name: 'poll 3' }, 1);
    });
    const { job } = await start({ trainer: 'fake-together', baseModel: 'meta-llama/Llama-3-8b' });
    const [instance] = await workflows.get();
    await instance.waitForStatus('complete');
    expect(await instance.getOutput()).toMatchObject({ status: 'succeeded', rawStatus: 'completed' });
    const events = await store().events(job.id);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect((await store().checkpoints(job.id)).map((c) => c.step)).toEqual([10, 20, 30]);
  });

  it('stops with an error event when the provider no longer knows the job or the trainer is gone', async () => {
    const at = new Date().toISOString();
    const base: FinetuneJob = {
      id: '',
      trainer: 'fake-openai',
      trainerType: 'openai',
      providerJobId: 'ftjob-unknown-to-the-provider',
      baseModel: 'gpt-4o-mini-2024-07-18',
      method: 'supervised',
      suffix: null,
      hyperparameters: {},
      datasetName: null,
      datasetHash: 'sha256:' + '1'.repeat(64),
      trainingFileId: null,
      validationFileId: null,
      trainExamples: 10,
      validationExamples: 0,
      trainTokens: 100,
      estimatedCostUsd: null,
      estimateSource: null,
      status: 'running',
      rawStatus: 'running',
      error: null,
      fineTunedModel: null,
      trainedTokens: null,
      trainingCostUsd: null,
      workflowId: null,
      createdAt: at,
      updatedAt: at,
      finishedAt: null,
      target: null,
      evalRunId: null,
      evalError: null,
      adopted: null,
    };
    for (const [id, trainer] of [
      [`ftj_lost_${crypto.randomUUID().slice(0, 8)}`, 'fake-openai'],
      [`ftj_gone_${crypto.randomUUID().slice(0, 8)}`, 'removed-trainer'],
    ]) {
      await store().createJob({ ...base, id, trainer });
      await using instance = await introspectWorkflowInstance(bindings.FINETUNE_WORKFLOW!, `follow-${id}`);
      await instance.modify(async (m) => {
        await m.disableSleeps();
        await m.disableRetryDelays();
      });
      await bindings.FINETUNE_WORKFLOW!.create({ id: `follow-${id}`, params: { jobId: id } });
      await instance.waitForStatus('errored');
      // Workflows report a NonRetryableError generically; the reason is in the job's events.
      expect((await instance.getError()).message).toContain('NonRetryableError');
      if (trainer === 'fake-openai') {
        const stopped = (await store().events(id)).find((e) => e.id === 'weir:follow-stopped:trainer_not_found');
        expect(stopped?.message).toContain('No such fine-tuning job');
      }
      expect((await store().getJob(id))!.status).toBe('running');
    }
  });
});
