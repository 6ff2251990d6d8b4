// The fine-tuning store's D1 implementation and its in-memory twin pass the same tests: jobs,
// snapshots that say when the status changed, idempotent events and checkpoints, the registry.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { d1FinetuneStore } from '../../../worker/finetune/store/d1';
import { memoryFinetuneStore } from '../../../worker/finetune/store/memory';
import type { FinetuneJob, FinetuneStore, RegistryEntry } from '../../../worker/finetune/store/types';
import type { JobSnapshot } from '../../../worker/finetune/trainer';
import type { Bindings } from '../../../worker/http/env';

const job = (id: string, createdAt = '2026-11-30T10:00:00.000Z'): FinetuneJob => ({
  id,
  trainer: 't',
  trainerType: 'openai',
  providerJobId: `p-${id}`,
  baseModel: 'gpt-4o-mini-2024-07-18',
  method: 'supervised',
  suffix: null,
  hyperparameters: { epochs: 2 },
  datasetName: 'd',
  datasetHash: 'sha256:' + '0'.repeat(64),
  trainingFileId: 'file-1',
  validationFileId: null,
  trainExamples: 10,
  validationExamples: 0,
  trainTokens: 500,
  estimatedCostUsd: 0.003,
  estimateSource: 'table',
  status: 'validating',
  rawStatus: 'validating_files',
  error: null,
  fineTunedModel: null,
  trainedTokens: null,
  trainingCostUsd: null,
  workflowId: null,
  createdAt,
  updatedAt: createdAt,
  finishedAt: null,
  target: null,
  evalRunId: null,
  evalError: null,
  adopted: null,
});
const snap = (extra: Partial<JobSnapshot>): JobSnapshot => ({
  providerJobId: 'p',
  status: 'running',
  rawStatus: 'running',
  fineTunedModel: null,
  baseModel: 'gpt-4o-mini-2024-07-18',
  trainedTokens: null,
  costUsd: null,
  error: null,
  createdAt: null,
  finishedAt: null,
  ...extra,
});

describe.each([
  ['D1', () => d1FinetuneStore((env as unknown as Bindings).WEIR_DB)],
  ['memory', () => memoryFinetuneStore()],
] as [string, () => FinetuneStore][])('the %s fine-tuning store', (_name, make) => {
  it('stores jobs, lists them newest first by status, and updates them', async () => {
    const store = make();
    const a = `a-${crypto.randomUUID()}`;
    const b = `b-${crypto.randomUUID()}`;
    await store.createJob(job(a, '2026-11-30T10:00:00.000Z'));
    await store.createJob(job(b, '2026-11-30T11:00:00.000Z'));
    expect(await store.getJob(a)).toEqual(job(a, '2026-11-30T10:00:00.000Z'));
    const ids = (await store.listJobs({ status: 'validating' })).map((j) => j.id);
    expect(ids.indexOf(b)).toBeLessThan(ids.indexOf(a));
    await store.updateJob(a, { workflowId: 'wf-1' });
    expect((await store.getJob(a))!.workflowId).toBe('wf-1');
    expect(await store.getJob('missing')).toBeUndefined();
  });

  it('says when a snapshot changes the status, and keeps the finish time once set', async () => {
    const store = make();
    const id = `s-${crypto.randomUUID()}`;
    await store.createJob(job(id));
    expect(await store.recordSnapshot(id, snap({}), '2026-11-30T10:01:00.000Z')).toEqual({
      changed: true,
      previous: { status: 'validating', rawStatus: 'validating_files' },
    });
    expect((await store.recordSnapshot(id, snap({}), '2026-11-30T10:02:00.000Z')).changed).toBe(false);
    await store.recordSnapshot(
      id,
      snap({ status: 'succeeded', rawStatus: 'succeeded', fineTunedModel: 'ft:x', trainedTokens: 900 }),
      '2026-11-30T10:03:00.000Z',
    );
    await store.recordSnapshot(id, snap({ status: 'succeeded', rawStatus: 'succeeded' }), '2026-11-30T10:04:00.000Z');
    expect(await store.getJob(id)).toMatchObject({
      status: 'succeeded',
      fineTunedModel: 'ft:x',
      trainedTokens: 900,
      finishedAt: '2026-11-30T10:03:00.000Z',
      updatedAt: '2026-11-30T10:04:00.000Z',
    });
    await store.recordSnapshot(
      id,
      snap({ status: 'failed', rawStatus: 'failed', error: { code: 'e', message: 'boom' } }),
      '2026-11-30T10:05:00.000Z',
    );
    expect((await store.getJob(id))!.error).toEqual({ code: 'e', message: 'boom' });
  });

  it('records each event and checkpoint once, in order, with losses updated in place', async () => {
    const store = make();
    const id = `e-${crypto.randomUUID()}`;
    await store.createJob(job(id));
    const ev = (n: number) => ({
      id: `ev${n}`,
      at: `2026-11-30T10:0${n}:00.000Z`,
      level: 'info' as const,
      message: `m${n}`,
      type: 'message',
    });
    expect(await store.addEvents(id, [ev(1), ev(2)])).toBe(2);
    expect(await store.addEvents(id, [ev(2), ev(3)])).toBe(1);
    expect((await store.events(id)).map((e) => [e.id, e.seq])).toEqual([
      ['ev1', 1],
      ['ev2', 2],
      ['ev3', 3],
    ]);
    expect(
      await store.putCheckpoints(id, [
        { step: 20, at: null, trainLoss: 0.5, validLoss: null, model: null },
        { step: 10, at: null, trainLoss: 0.9, validLoss: 1, model: 'ck' },
      ]),
    ).toBe(2);
    expect(await store.putCheckpoints(id, [{ step: 20, at: null, trainLoss: 0.4, validLoss: 0.6, model: null }])).toBe(0);
    expect(await store.checkpoints(id)).toEqual([
      { step: 10, at: null, trainLoss: 0.9, validLoss: 1, model: 'ck' },
      { step: 20, at: null, trainLoss: 0.4, validLoss: 0.6, model: null },
    ]);
  });

  it('registers a model and patches its prices, hosting and retirement', async () => {
    const store = make();
    const model = `ft:gpt-4o-mini:org:${crypto.randomUUID()}`;
    const entry: RegistryEntry = {
      model,
      provider: 'default',
      trainer: 't',
      baseModel: 'gpt-4o-mini',
      datasetName: null,
      datasetHash: 'sha256:1',
      jobId: 'j',
      trainingCostUsd: null,
      trainingCostSource: null,
      prices: { inputPerMTok: 0.3, cachedInputPerMTok: null, outputPerMTok: 1.2 },
      hostingPerHour: null,
      retiresAt: null,
      createdAt: '2026-11-30T10:00:00.000Z',
      updatedAt: '2026-11-30T10:00:00.000Z',
    };
    await store.register(entry);
    expect(await store.model(model)).toEqual(entry);
    const patched = await store.updateModel(model, { retiresAt: '2027-01-06', prices: { outputPerMTok: 2 } }, '2026-11-30T12:00:00.000Z');
    expect(patched).toEqual({
      ...entry,
      retiresAt: '2027-01-06',
      prices: { ...entry.prices, outputPerMTok: 2 },
      updatedAt: '2026-11-30T12:00:00.000Z',
    });
    expect(await store.model(model)).toEqual(patched);
    expect((await store.registry()).map((m) => m.model)).toContain(model);
    expect(await store.updateModel('nope', {}, 'x')).toBeUndefined();
  });
});
