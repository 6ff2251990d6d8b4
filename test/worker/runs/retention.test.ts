import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../../worker/index';
import type { Bindings } from '../../../worker/http/env';
import { runStore } from '../../../worker/runs/log/store';
import type { RunRequest, RunResult } from '../../../worker/runs/result';
import { parseFlow } from '../../../worker/engine';
import { simpleFlow } from '../routes/helpers';

const bindings = env as unknown as Bindings;
const DAY = 86_400_000;

function fakeRun(id: string, input: Record<string, unknown>): { req: RunRequest; result: RunResult } {
  const flow = parseFlow(simpleFlow('retention')).flow!;
  const resolved = { id: 'retention', version: 1 as const, hash: 'h', parsed: parseFlow(flow), public: false };
  const result: RunResult = {
    runId: id,
    flow: { id: 'retention', version: 1, hash: 'h' },
    usage: { inputTokens: 1, outputTokens: 1, calls: 1 },
    trace: [],
    prompts: [],
    durationMs: 5,
    status: 'ok',
    output: 'answer',
    outputNodeId: 'result',
  };
  return { req: { flow, resolved, input, source: 'edge', who: { caller: 'invoker', keyId: 'key_x' } }, result };
}

describe('run-log retention', () => {
  it('the cron handler deletes runs older than RUN_LOG_RETENTION_DAYS with their nodes, scores and R2 payloads', async () => {
    const store = runStore(bindings);
    const now = Date.now();
    const old = fakeRun('old-run', { question: 'y'.repeat(40_000) });
    const fresh = fakeRun('fresh-run', { question: 'q' });
    await store.record(old.req, old.result, new Date(now - 10 * DAY));
    await store.record(fresh.req, fresh.result, new Date(now - 2 * DAY));
    await store.addFeedback('old-run', { thumbs: 'up' }, { source: 'admin', keyId: 'admin' });
    const key = (await env.WEIR_DB.prepare("SELECT payload_key FROM runs WHERE id = 'old-run'").first<{ payload_key: string }>())!
      .payload_key;
    expect(await env.WEIR_BLOBS.head(key)).not.toBeNull();

    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: now, cron: '17 3 * * *' }),
      { ...bindings, RUN_LOG_RETENTION_DAYS: '7' },
      ctx,
    );
    await waitOnExecutionContext(ctx);

    expect(await store.get('old-run')).toBeUndefined();
    expect(await store.get('fresh-run')).toBeDefined();
    expect(await env.WEIR_BLOBS.head(key)).toBeNull();
    const scores = await env.WEIR_DB.prepare("SELECT COUNT(*) AS n FROM run_scores WHERE run_id = 'old-run'").first<{ n: number }>();
    expect(scores?.n).toBe(0);
  });
});
