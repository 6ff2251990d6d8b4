// Following and stopping eval runs: the SSE stream replays every cell and ends with the run,
// cancel stops a run whose model calls hang (mid-chunk) and the Workflow ends, a retried chunk
// step records nothing twice, and a resumed chunk does not re-run cells already recorded.
import { env, introspectWorkflow } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { runChunk } from '../../../worker/eval-runs/chunk';
import { chunkSize, loadRunContext } from '../../../worker/eval-runs/context';
import { startEvalRun } from '../../../worker/eval-runs/start';
import type { Bindings } from '../../../worker/http/env';
import { buildStores } from '../../../worker/http/stores';
import { parseSse } from '../../helpers/sse';
import { admin, errorOf } from '../routes/helpers';
import { detail, setup, startRun, waitFor } from './helpers';

const bindings = env as unknown as Bindings;

describe('following and stopping an eval run', () => {
  it('replays every cell and the progress over SSE, then ends with the run', async () => {
    await setup('ep-sse', 8);
    await using workflows = await introspectWorkflow(bindings.EVAL_WORKFLOW!);
    const started = await startRun({ eval: 'ep-sse' });
    const live = await admin(`/v1/eval-runs/${started.id}/events`);
    expect(live.headers.get('content-type')).toContain('text/event-stream');
    const [instance] = await workflows.get();
    await instance.waitForStatus('complete');
    const liveEvents = parseSse(await live.text());
    expect(liveEvents.at(-1)).toEqual({ event: 'end', data: { status: 'done' } });
    expect(liveEvents.filter((e) => e.event === 'cell')).toHaveLength(18);

    // A late subscriber gets everything: the cells, the final progress, the end.
    const late = parseSse(await (await admin(`/v1/eval-runs/${started.id}/events`)).text());
    const cells = late.filter((e) => e.event === 'cell').map((e) => e.data);
    expect(cells).toHaveLength(18);
    expect(cells[0]).toMatchObject({ itemId: expect.any(String), variant: expect.any(String), repeat: 0, pass: expect.any(Boolean) });
    expect(late.filter((e) => e.event === 'progress').at(-1)!.data).toEqual({ done: 18, total: 18, status: 'done' });
    expect(late.map((e) => e.event).slice(-2)).toEqual(['progress', 'end']);
    expect((await admin('/v1/eval-runs/no-such-run/events')).status).toBe(404);
  });

  it('cancels a running eval: its hanging calls stop, the Workflow ends, the stream ends cancelled', async () => {
    // Every call hangs (echo:fail-timeout) until the eval's own long node timeout: only cancel ends it.
    await setup('ep-cancel', 8, {
      variants: [{ name: 'hangs', overrides: { answer: { model: 'echo:fail-timeout' } } }],
      limits: { nodeTimeoutMs: 120000, deadlineMs: 120000 },
    });
    await using workflows = await introspectWorkflow(bindings.EVAL_WORKFLOW!);
    const started = await startRun({ eval: 'ep-cancel' });
    await waitFor(started.id, ['running']);
    const cancel = await admin(`/v1/eval-runs/${started.id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    expect(((await cancel.json()) as { run: { status: string } }).run.status).toBe('cancelled');
    const [instance] = await workflows.get();
    await instance.waitForStatus('complete');
    expect(await instance.getOutput()).toEqual({ status: 'cancelled' });
    const { run, cells, report } = await detail(started.id);
    expect(run.status).toBe('cancelled');
    expect(run.finishedAt).toBeDefined();
    expect(cells).toEqual([]);
    expect(report).toBeNull();
    const events = parseSse(await (await admin(`/v1/eval-runs/${started.id}/events`)).text());
    expect(events.at(-1)).toEqual({ event: 'end', data: { status: 'cancelled' } });
    const again = await admin(`/v1/eval-runs/${started.id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('already_finished');
  });

  it('retries a failing chunk step and records each cell once', async () => {
    await setup('ep-retry', 8);
    await using workflows = await introspectWorkflow(bindings.EVAL_WORKFLOW!);
    await workflows.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: 'chunk 0' }, new Error('D1 went away'), 2);
    });
    const started = await startRun({ eval: 'ep-retry' });
    const [instance] = await workflows.get();
    await instance.waitForStatus('complete');
    const { run, cells } = await detail(started.id);
    expect(run).toMatchObject({ status: 'done', done: 18 });
    expect(cells).toHaveLength(18);
  });

  it('marks the run failed with the reason when a chunk step keeps failing', async () => {
    await setup('ep-fail', 4);
    await using workflows = await introspectWorkflow(bindings.EVAL_WORKFLOW!);
    await workflows.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: 'chunk 0' }, new Error('D1 is down for good'));
    });
    const started = await startRun({ eval: 'ep-fail' });
    const [instance] = await workflows.get();
    await instance.waitForStatus('errored');
    const { run, report } = await detail(started.id);
    expect(run.status).toBe('failed');
    expect(run.error).toContain('D1 is down for good');
    expect(report).toBeNull();
    const events = parseSse(await (await admin(`/v1/eval-runs/${started.id}/events`)).text());
    expect(events.at(-1)).toEqual({ event: 'end', data: { status: 'failed', error: run.error } });
  });

  it('resumes a chunk without re-running the cells it had recorded', async () => {
    await setup('ep-resume', 8);
    const stores = buildStores(bindings);
    const created: string[] = [];
    const noWorkflow = { create: async ({ id }: { id: string }) => void created.push(id) } as unknown as Bindings['EVAL_WORKFLOW'];
    const summary = await startEvalRun({ ...bindings, EVAL_WORKFLOW: noWorkflow }, stores, { eval: 'ep-resume' });
    expect(created).toEqual([summary.id]);
    await stores.evalRuns.setStatus(summary.id, 'running', ['queued']);
    const ctx = await loadRunContext(bindings, stores, summary.id);
    const record = {
      variant: 'base',
      itemId: 'q1',
      repeat: 0,
      status: 'ok',
      usage: { inputTokens: 0, outputTokens: 0, calls: 0 },
      latencyMs: 1,
      costUsd: 0,
      fellBack: false,
      assertions: [],
      pass: true,
      score: 1,
    };
    await stores.evalRuns.addCells(summary.id, [
      {
        itemId: 'q1',
        variant: 'base',
        repeat: 0,
        runId: 'recorded-before',
        status: 'ok',
        pass: true,
        score: 1,
        latencyMs: 1,
        costUsd: 0,
        reasons: [],
        nodes: [],
        record,
      },
    ]);
    await runChunk(bindings, stores, ctx, 0, chunkSize(ctx.items.length, 3));
    const { run, cells } = await detail(summary.id);
    expect(run.done).toBe(18);
    expect(cells.filter((c) => c.itemId === 'q1' && c.variant === 'base')).toEqual([expect.objectContaining({ runId: 'recorded-before' })]);
    const logged = (await (await admin('/v1/runs?flow=ep-resume-flow&source=eval&limit=100')).json()) as { runs: unknown[] };
    expect(logged.runs).toHaveLength(17);
  });
});
