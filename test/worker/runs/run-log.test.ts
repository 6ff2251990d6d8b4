import { env } from 'cloudflare:test';
import { describe, expect, it, inject, vi } from 'vitest';
import { backgroundSettled } from '../../../worker/runs/background';
import { admin, call, errorOf, INVOKE, putFlow, simpleFlow } from '../routes/helpers';
import { branchingFlow, run } from './helpers';

const fakeEnv = () => ({ OPENAI_API_KEY: 'sk-fake-test', OPENAI_BASE_URL: inject('fakeOpenAIUrl') });

interface Detail {
  id: string;
  source: string;
  keyId: string | null;
  status: string;
  error?: { code: string; nodeId?: string };
  flow: { id: string; version: number | 'draft' };
  usage: { calls: number; inputTokens: number; outputTokens: number; cachedInputTokens: number | null; reasoningTokens: number | null };
  costUsd: number | null;
  input: Record<string, unknown>;
  output?: unknown;
  trace: { nodeId: string; status: string; handle?: string; costUsd?: number | null; messages?: { content: string }[]; tokens?: unknown }[];
  durationMs: number;
  prompts: unknown[];
  scores: { name: string; value: number | null; text: string | null; source: string; keyId: string | null }[];
}

const getRun = async (id: string) => {
  const res = await admin(`/v1/runs/${id}`);
  return { status: res.status, body: (await res.json()) as Detail };
};

describe('the run log', () => {
  it('records a run after the answer: flow version, input, output, per-node trace, tokens and cost', async () => {
    await putFlow(simpleFlow('log-basic', {}, { model: 'gpt-4o-mini' }));
    const { res, body } = await run('log-basic', { question: 'Why is the sky blue?' });
    expect(res.status).toBe(200);
    const { status, body: detail } = await getRun(body.runId);
    expect(status).toBe(200);
    expect(detail).toMatchObject({
      id: body.runId,
      source: 'edge',
      status: 'ok',
      flow: { id: 'log-basic', version: 'draft' },
      input: { question: 'Why is the sky blue?' },
      output: body.output,
      usage: { calls: 1 },
    });
    expect(detail.keyId).toMatch(/^key_[0-9a-f]{16}$/);
    expect(JSON.stringify(detail)).not.toContain(INVOKE);
    expect(detail.trace.map((t) => [t.nodeId, t.status])).toEqual([
      ['question', 'ok'],
      ['answer', 'ok'],
      ['result', 'ok'],
    ]);
    const answer = detail.trace.find((t) => t.nodeId === 'answer')!;
    expect(answer.messages?.[0].content).toBe('Q: Why is the sky blue?');
    expect(answer.costUsd).toBeGreaterThan(0);
    expect(detail.costUsd).toBe(answer.costUsd);
  });

  it('records the time to the first token of a streamed run, and a cancelled stream as failed', async () => {
    await putFlow(simpleFlow('log-stream'));
    const res = await call('/v1/flows/log-stream/run', {
      method: 'POST',
      token: INVOKE,
      json: { input: { question: 'stream it' } },
      headers: { accept: 'text/event-stream' },
    });
    const text = await res.text();
    const runId = /"runId":"([^"]+)"/.exec(text)![1];
    await backgroundSettled();
    const { body: detail } = await getRun(runId);
    expect(detail.status).toBe('ok');
    expect((detail as unknown as { firstTokenMs: number }).firstTokenMs).toBeGreaterThanOrEqual(0);

    await putFlow(simpleFlow('log-cancel', {}, { model: 'fake-slow-5000' }));
    const controller = new AbortController();
    const slow = await call('/v1/flows/log-cancel/run', {
      method: 'POST',
      token: INVOKE,
      json: { input: { question: 'q' } },
      headers: { accept: 'text/event-stream' },
      env: fakeEnv(),
      signal: controller.signal,
    });
    const reader = slow.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const cancelledId = /"runId":"([^"]+)"/.exec(first)![1];
    await reader.cancel();
    controller.abort();
    await vi.waitFor(async () => {
      await backgroundSettled();
      expect((await getRun(cancelledId)).body).toMatchObject({ status: 'failed', error: { code: 'cancelled' } });
    });
  });

  it('records every one of many concurrent runs (their writes share D1 batches)', async () => {
    await putFlow(simpleFlow('log-burst'));
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call('/v1/flows/log-burst/run', { method: 'POST', token: INVOKE, json: { input: { question: `q${i}` } } }),
      ),
    );
    const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as { runId: string }).runId));
    await backgroundSettled();
    const listed = (await (await admin('/v1/runs?flow=log-burst&limit=100')).json()) as { runs: { id: string }[] };
    expect(listed.runs.map((r) => r.id).sort()).toEqual([...ids].sort());
  });

  it('keeps an unknown price as null, never 0', async () => {
    await putFlow(simpleFlow('log-unknown-price', {}, { model: 'some-private-model' }));
    const { body } = await run('log-unknown-price', { question: 'q' });
    const { body: detail } = await getRun(body.runId);
    expect(detail.usage.inputTokens).toBeGreaterThan(0);
    expect(detail.costUsd).toBeNull();
    expect(detail.trace.find((t) => t.nodeId === 'answer')!.costUsd).toBeNull();
  });

  it('records cached input and reasoning tokens when the provider reports them', async () => {
    await putFlow(simpleFlow('log-cached', {}, { model: 'fake-cached-model' }));
    const { body } = await run('log-cached', { question: 'a question long enough to have some tokens in it' }, { env: fakeEnv() });
    const { body: detail } = await getRun(body.runId);
    expect(detail.usage.cachedInputTokens).toBeGreaterThan(0);
    expect(detail.usage.reasoningTokens).toBe(3);
  });

  it('records failed runs with the error code and node, and the fallback a fine-tuned node took', async () => {
    await putFlow(branchingFlow('log-branches', 'fake-not-found-ft'));
    const fell = await run('log-branches', { question: 'error E5 again' }, { env: fakeEnv() });
    expect(fell.res.status).toBe(200);
    const { body: detail } = await getRun(fell.body.runId);
    expect(detail.trace.find((t) => t.nodeId === 'ft')).toMatchObject({ status: 'fell_back' });
    expect(detail.trace.find((t) => t.nodeId === 'route')).toMatchObject({ handle: 'tech' });

    await putFlow(simpleFlow('log-failing', {}, { model: 'fake-not-found-x' }));
    const failed = await run('log-failing', { question: 'q' }, { env: fakeEnv() });
    expect(failed.res.status).toBe(502);
    const { body: failedRun } = await getRun(failed.body.runId);
    expect(failedRun).toMatchObject({ status: 'failed', error: { code: 'provider_model_not_found', nodeId: 'answer' } });
  });

  it('records the source: chat completions as chat, editor runs as editor', async () => {
    await putFlow(simpleFlow('log-sources'));
    const chat = await call('/v1/chat/completions', {
      method: 'POST',
      token: INVOKE,
      json: { model: 'flow:log-sources', messages: [{ role: 'user', content: 'hello' }] },
    });
    const chatId = ((await chat.json()) as { weir: { runId: string } }).weir.runId;
    const editor = await admin('/v1/flows/log-sources@draft/run', {
      method: 'POST',
      json: { input: { question: 'q' } },
      headers: { 'weir-source': 'editor' },
    });
    const editorId = ((await editor.json()) as { runId: string }).runId;
    // Only the admin token may name a source; an invoke key's run is "edge" whatever it says.
    const { body: edge } = await run('log-sources', { question: 'q' }, { headers: { 'weir-source': 'eval' } });
    await backgroundSettled();
    expect((await getRun(chatId)).body).toMatchObject({ source: 'chat', flow: { id: 'log-sources' } });
    expect((await getRun(editorId)).body).toMatchObject({ source: 'editor', keyId: 'admin' });
    expect((await getRun(edge.runId)).body.source).toBe('edge');
  });

  it('records nothing with RUN_LOG=off, and only failures with RUN_LOG=errors', async () => {
    await putFlow(simpleFlow('log-modes'));
    const off = await run('log-modes', { question: 'q' }, { env: { RUN_LOG: 'off' } });
    expect(off.res.status).toBe(200);
    expect((await getRun(off.body.runId)).status).toBe(404);
    const ok = await run('log-modes', { question: 'q' }, { env: { RUN_LOG: 'errors' } });
    expect((await getRun(ok.body.runId)).status).toBe(404);
    await putFlow(simpleFlow('log-modes-fail', {}, { model: 'fake-not-found-y' }));
    const failed = await run('log-modes-fail', { question: 'q' }, { env: { RUN_LOG: 'errors', ...fakeEnv() } });
    expect((await getRun(failed.body.runId)).status).toBe(200);
  });

  it('drops and masks redacted input fields everywhere they were copied, before storing', async () => {
    await putFlow(branchingFlow('log-redact', 'unused'));
    const { body } = await run(
      'log-redact',
      { question: 'my address is alice@example.com', email: 'alice@example.com' },
      { env: { RUN_LOG_REDACT: 'email:mask' } },
    );
    const { body: masked } = await getRun(body.runId);
    expect(masked.input).toEqual({ question: 'my address is [redacted]', email: '[redacted]' });
    expect(JSON.stringify(masked)).not.toContain('alice@example.com');
    const dropped = await run('log-redact', { question: 'hi', email: 'bob@example.com' }, { env: { RUN_LOG_REDACT: 'email' } });
    const { body: d } = await getRun(dropped.body.runId);
    expect(d.input).toEqual({ question: 'hi' });
    expect(JSON.stringify(d)).not.toContain('bob@example.com');
  });

  it('puts large payloads in R2 with a pointer in the row, and reads them back', async () => {
    await putFlow({ ...simpleFlow('log-large'), input: { fields: { question: { type: 'string', required: true } } } });
    const question = 'x'.repeat(30_000);
    const { body } = await run('log-large', { question });
    const row = await env.WEIR_DB.prepare('SELECT payload, payload_key FROM runs WHERE id = ?')
      .bind(body.runId)
      .first<{ payload: string | null; payload_key: string }>();
    expect(row?.payload).toBeNull();
    expect(row?.payload_key).toContain(body.runId);
    expect(await env.WEIR_BLOBS.head(row!.payload_key)).not.toBeNull();
    const { body: detail } = await getRun(body.runId);
    expect(detail.input.question).toBe(question);
  });

  it('answers 404 for an unknown run, and 401/403 without the admin token', async () => {
    expect((await getRun('no-such-run')).status).toBe(404);
    expect((await call('/v1/runs')).status).toBe(401);
    expect((await call('/v1/runs', { token: INVOKE })).status).toBe(403);
    expect((await call('/v1/runs/stats', { token: INVOKE })).status).toBe(403);
  });
});

describe('GET /v1/runs', () => {
  it('lists newest first with filters and cursor pages', async () => {
    await putFlow(branchingFlow('list-a', 'fake-not-found-ft2'));
    await putFlow(simpleFlow('list-b', {}, { model: 'fake-not-found-z' }));
    const ids: string[] = [];
    for (const q of ['one E5', 'two', 'three E5', 'four needle', 'five'])
      ids.push((await run('list-a', { question: q }, { env: fakeEnv() })).body.runId);
    const failed = (await run('list-b', { question: 'q' }, { env: fakeEnv() })).body.runId;

    const list = async (query: string) => {
      const res = await admin(`/v1/runs?${query}`);
      expect(res.status).toBe(200);
      return (await res.json()) as {
        runs: { id: string; status: string; inputPreview: string; costUsd: number | null }[];
        nextCursor: string | null;
      };
    };
    const all = await list('flow=list-a');
    expect(all.runs.map((r) => r.id)).toEqual([...ids].reverse());
    expect((await list('status=failed')).runs.map((r) => r.id)).toContain(failed);
    expect((await list('status=failed&flow=list-a')).runs).toEqual([]);
    expect((await list('flow=list-b&failedNode=answer')).runs.map((r) => r.id)).toEqual([failed]);
    expect((await list('flow=list-a&failedNode=*')).runs).toEqual([]);
    expect((await list('flow=list-a&fellBackNode=ft')).runs.map((r) => r.id)).toEqual([ids[2], ids[0]]);
    expect((await list('flow=list-a&fellBackNode=*')).runs).toHaveLength(2);
    expect((await list('q=needle')).runs.map((r) => r.id)).toEqual([ids[3]]);
    expect((await list('q=50%25_off')).runs).toEqual([]);
    expect((await list('flow=list-a&source=chat')).runs).toEqual([]);
    expect((await list(`flow=list-a&from=${new Date(Date.now() + 60_000).toISOString()}`)).runs).toEqual([]);

    const first = await list('flow=list-a&limit=2');
    expect(first.runs.map((r) => r.id)).toEqual([ids[4], ids[3]]);
    const second = await list(`flow=list-a&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(second.runs.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const third = await list(`flow=list-a&limit=2&cursor=${encodeURIComponent(second.nextCursor!)}`);
    expect(third.runs.map((r) => r.id)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();
  });

  it('rejects bad filters with a 400 naming them', async () => {
    for (const q of ['status=maybe', 'limit=0', 'limit=1000', 'from=yesterday', 'cursor=bm9wZQ', 'colour=red', 'failedNode=a%20b']) {
      const res = await admin(`/v1/runs?${q}`);
      expect(res.status, q).toBe(400);
      expect((await errorOf(res)).code).toBe('bad_request');
    }
  });
});

describe('GET /v1/runs/stats', () => {
  it('gives per-day runs, error rate, latency percentiles, tokens and cost, and per-node fallback and branch rates', async () => {
    await putFlow(branchingFlow('stats-a', 'fake-not-found-ft3'));
    for (const q of ['E5 one', 'E5 two', 'other', 'another']) await run('stats-a', { question: q }, { env: fakeEnv() });
    const res = await admin('/v1/runs/stats?flow=stats-a&days=7');
    expect(res.status).toBe(200);
    const stats = (await res.json()) as {
      days: {
        day: string;
        runs: number;
        errors: number;
        errorRate: number;
        p50Ms: number;
        p95Ms: number;
        inputTokens: number;
        costUsd: number | null;
      }[];
      nodes: {
        nodeId: string;
        runs: number;
        fellBack: number;
        fallbackRate: number;
        handles: Record<string, { runs: number; rate: number }>;
      }[];
    };
    expect(stats.days).toHaveLength(1);
    expect(stats.days[0]).toMatchObject({ day: new Date().toISOString().slice(0, 10), runs: 4, errors: 0, errorRate: 0 });
    expect(stats.days[0].p95Ms).toBeGreaterThanOrEqual(stats.days[0].p50Ms);
    expect(stats.days[0].inputTokens).toBeGreaterThan(0);
    expect(stats.days[0].costUsd).toBeGreaterThan(0);
    const node = (id: string) => stats.nodes.find((n) => n.nodeId === id)!;
    expect(node('ft')).toMatchObject({ runs: 2, fellBack: 2, fallbackRate: 1 });
    expect(node('route').handles).toEqual({ tech: { runs: 2, rate: 0.5 }, default: { runs: 2, rate: 0.5 } });

    const today = (await (await admin('/v1/runs/stats')).json()) as {
      flows: { flowId: string; runs: number; errorRate: number; p50Ms: number }[];
    };
    expect(today.flows.find((f) => f.flowId === 'stats-a')).toMatchObject({ runs: 4, errorRate: 0 });
  });
});

describe('POST /v1/runs/:id/feedback', () => {
  const twoKeys = { INVOKE_KEYS: `${INVOKE},other-app-key` };

  it('takes thumbs, a score, a comment and a correction from the key that made the run, stored as scores', async () => {
    await putFlow(simpleFlow('feedback-a'));
    const { body } = await run('feedback-a', { question: 'q' });
    const res = await call(`/v1/runs/${body.runId}/feedback`, {
      method: 'POST',
      token: INVOKE,
      json: { thumbs: 'down', score: 0.2, comment: 'wrong product', correction: 'The right answer' },
    });
    expect(res.status).toBe(201);
    const { body: detail } = await getRun(body.runId);
    expect(detail.scores.map((s) => [s.name, s.value, s.text, s.source])).toEqual([
      ['thumbs', 0, null, 'feedback'],
      ['score', 0.2, null, 'feedback'],
      ['comment', null, 'wrong product', 'feedback'],
      ['correction', null, 'The right answer', 'feedback'],
    ]);
    expect(detail.scores[0].keyId).toBe(detail.keyId);
    const listed = (await (await admin('/v1/runs?flow=feedback-a')).json()) as { runs: { feedback: unknown }[] };
    expect(listed.runs[0].feedback).toEqual({ thumbs: 'down', score: 0.2, comments: 1, corrected: true });
  });

  it('refuses anonymous callers, hides the run from other keys, and rejects bad bodies', async () => {
    await putFlow(simpleFlow('feedback-b'));
    const { body } = await run('feedback-b', { question: 'q' });
    const send = (json: unknown, token?: string) => call(`/v1/runs/${body.runId}/feedback`, { method: 'POST', json, token, env: twoKeys });
    expect((await send({ thumbs: 'up' })).status).toBe(401);
    expect((await send({ thumbs: 'up' }, 'not-a-key')).status).toBe(401);
    expect((await send({ thumbs: 'up' }, 'other-app-key')).status).toBe(404);
    expect((await send({}, INVOKE)).status).toBe(400);
    expect((await send({ thumbs: 'sideways' }, INVOKE)).status).toBe(400);
    expect((await send({ score: 'high' }, INVOKE)).status).toBe(400);
    expect((await send({ thumbs: 'up' }, 'test-admin-token')).status).toBe(201);
    expect((await call('/v1/runs/nope/feedback', { method: 'POST', json: { thumbs: 'up' }, token: INVOKE })).status).toBe(404);
    const { body: detail } = await getRun(body.runId);
    expect(detail.scores).toMatchObject([{ name: 'thumbs', value: 1, source: 'admin' }]);
  });
});
