// The three-way eval runs by itself: when the follow-job Workflow sees a targeted job succeed it
// starts an eval run (source "finetune", labelled with the job) that GET /v1/finetunes/:id shows;
// POST /v1/finetunes/:id/evaluate starts it again, and a job it cannot evaluate says why.
import { env, introspectWorkflow } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { d1FinetuneStore } from '../../../worker/finetune/store/d1';
import type { Bindings } from '../../../worker/http/env';
import { detail, waitFor } from '../eval-runs/helpers';
import { admin, errorOf } from '../routes/helpers';
import { putLoop } from './loop-helpers';

// oxlint-disable-next-line typescript/no-explicit-any
type Loose = Record<string, any>;
const bindings = env as unknown as Bindings;
const store = () => d1FinetuneStore(bindings.WEIR_DB);

async function startJob(flow: string, dataset: string, target = true): Promise<string> {
  await putLoop(flow, dataset);
  const res = await admin('/v1/finetunes', {
    method: 'POST',
    json: {
      trainer: 'fake-openai',
      baseModel: 'gpt-4o-mini-2024-07-18',
      dataset: { name: dataset },
      suffix: 'tw',
      ...(target ? { target: { flow, node: 'specialist' } } : {}),
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { job: { id: string } }).job.id;
}

describe('the three-way eval of a succeeded job', () => {
  it('starts by itself when the Workflow sees the job succeed, and runs the three variants on the test split', async () => {
    await using follows = await introspectWorkflow(bindings.FINETUNE_WORKFLOW!);
    await follows.modifyAll(async (m) => {
      await m.disableSleeps();
    });
    const jobId = await startJob('tw-flow', 'tw-data');
    const [instance] = await follows.get();
    await instance.waitForStatus('complete');
    const output = (await instance.getOutput()) as { status: string; evalRunId: string | null };
    expect(output.status).toBe('succeeded');
    expect(output.evalRunId).toEqual(expect.any(String));

    const read = (await (await admin(`/v1/finetunes/${jobId}`)).json()) as Loose;
    expect(read.job.evalRunId).toBe(output.evalRunId);
    expect(read.job.evalError).toBeNull();
    expect(read.evalRun).toMatchObject({ id: output.evalRunId, source: 'finetune', label: jobId, flow: 'tw-flow' });
    expect(read.evalRun.dataset).toMatchObject({ name: 'tw-data', split: 'test' });
    expect(read.events.some((e: Loose) => e.type === 'eval' && e.message.includes(output.evalRunId!))).toBe(true);

    const done = await waitFor(output.evalRunId!, ['done', 'failed']);
    expect(done.run.status).toBe('done');
    expect(done.run.total).toBe(2 * 3); // two test items, three variants
    expect(new Set(done.cells.map((c) => c.variant))).toEqual(new Set(['base+prompt', 'finetuned', 'finetuned+prompt']));
    expect(done.report?.variants.map((v) => v.name)).toEqual(['base+prompt', 'finetuned', 'finetuned+prompt']);
    const runs = await Promise.all(
      done.cells
        .filter((c) => c.runId)
        .map(async (c) => [c.variant, (await (await admin(`/v1/runs/${c.runId}`)).json()) as Loose] as const),
    );
    const model = (await store().getJob(jobId))!.fineTunedModel!;
    for (const [variant, run] of runs) {
      const specialist = run.trace.find((t: Loose) => t.nodeId === 'specialist');
      expect(specialist.model).toBe(variant === 'base+prompt' ? 'gpt-4o-mini-2024-07-18' : model);
    }
  });

  it('records why when the job has no target, and POST /evaluate starts it for a flow node', async () => {
    await using follows = await introspectWorkflow(bindings.FINETUNE_WORKFLOW!);
    await follows.modifyAll(async (m) => {
      await m.disableSleeps();
    });
    const jobId = await startJob('tw-later', 'tw-later-data', false);
    const [instance] = await follows.get();
    await instance.waitForStatus('complete');
    const job = (await store().getJob(jobId))!;
    expect(job.evalRunId).toBeNull();
    expect(job.evalError).toContain('names no flow and node');

    const bad = await admin(`/v1/finetunes/${jobId}/evaluate`, { method: 'POST', json: { flow: 'tw-later' } });
    expect(bad.status).toBe(400);
    const wrongNode = await admin(`/v1/finetunes/${jobId}/evaluate`, { method: 'POST', json: { flow: 'tw-later', node: 'answer' } });
    expect(wrongNode.status).toBe(422);
    const res = await admin(`/v1/finetunes/${jobId}/evaluate`, { method: 'POST', json: { flow: 'tw-later', node: 'specialist' } });
    expect(res.status, await res.clone().text()).toBe(202);
    const body = (await res.json()) as Loose;
    expect(body.job).toMatchObject({ target: { flow: 'tw-later', node: 'specialist' }, evalError: null });
    expect(body.evalRun).toMatchObject({ id: body.job.evalRunId, source: 'finetune', label: jobId });
    expect((await detail(body.evalRun.id)).run.total).toBe(6);
    await waitFor(body.evalRun.id, ['done', 'failed']);
  });

  it('answers 409 for a job that has not succeeded and 404 for an unknown one', async () => {
    await putLoop('tw-early', 'tw-early-data');
    const res = await admin('/v1/finetunes', {
      method: 'POST',
      json: { trainer: 'fake-openai', baseModel: 'gpt-4o-mini-2024-07-18', dataset: { name: 'tw-early-data' } },
      env: { FINETUNE_WORKFLOW: undefined },
    });
    const { job } = (await res.json()) as { job: { id: string } };
    const early = await admin(`/v1/finetunes/${job.id}/evaluate`, { method: 'POST' });
    expect(early.status).toBe(409);
    expect((await errorOf(early)).code).toBe('job_not_succeeded');
    expect((await admin('/v1/finetunes/ftj_none/evaluate', { method: 'POST' })).status).toBe(404);
  });
});
