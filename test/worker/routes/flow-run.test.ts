import { describe, expect, it, inject, vi } from 'vitest';
import { runsInFlight } from '../../../worker/runs/in-flight';
import { parseSse } from '../../helpers/sse';
import { ADMIN, INVOKE, admin, call, errorOf, putFlow, simpleFlow } from './helpers';

const run = (id: string, input: unknown, init: Parameters<typeof call>[1] = {}, query = '') =>
  call(`/v1/flows/${id}/run${query}`, { method: 'POST', token: INVOKE, json: { input }, ...init });

/** The fake OpenAI server as the default provider. */
const fakeEnv = () => ({ OPENAI_API_KEY: 'sk-fake-test', OPENAI_BASE_URL: inject('fakeOpenAIUrl') });

describe('POST /v1/flows/:id/run', () => {
  it('runs a flow and answers runId, output and usage', async () => {
    await putFlow(simpleFlow('run-json'));
    const res = await run('run-json', { question: 'Why is the sky blue?' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.output).toContain('Why is the sky blue?');
    expect(body.usage).toMatchObject({ calls: 1 });
    expect(body).not.toHaveProperty('trace');
  });

  it('adds the trace with ?trace=1 for the admin token', async () => {
    await putFlow(simpleFlow('run-trace'));
    const body = (await (await run('run-trace', { question: 'q' }, { token: ADMIN }, '?trace=1')).json()) as {
      trace: { nodeId: string; status: string }[];
    };
    expect(body.trace.map((t) => [t.nodeId, t.status])).toEqual([
      ['question', 'ok'],
      ['answer', 'ok'],
      ['result', 'ok'],
    ]);
  });

  it('streams run.start, node events, tokens and done over SSE in order', async () => {
    await putFlow(simpleFlow('run-sse'));
    const res = await run('run-sse', { question: 'stream me please' }, { headers: { accept: 'text/event-stream' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await res.text());
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('run.start');
    expect(names.at(-1)).toBe('done');
    expect(names).toContain('token');
    expect(names.indexOf('node.start')).toBeLessThan(names.indexOf('node.end'));
    const answerStart = events.findIndex((e) => e.event === 'node.start' && e.data.nodeId === 'answer');
    const firstToken = names.indexOf('token');
    const answerEnd = events.findIndex((e) => e.event === 'node.end' && e.data.nodeId === 'answer');
    expect(answerStart).toBeLessThan(firstToken);
    expect(firstToken).toBeLessThan(answerEnd);
    expect(events[0].data).toMatchObject({ flowId: 'run-sse' });
    const done = events.at(-1)!.data;
    expect(done.output).toContain('stream me please');
    // An invoke key gets the answer, not the trace (the flow does not set traceAccess).
    expect(done).not.toHaveProperty('trace');
    const tokens = events
      .filter((e) => e.event === 'token')
      .map((e) => e.data.text)
      .join('');
    expect(tokens).toBe(done.output);
  });

  it('lets anyone run a public flow but needs a key for a private one', async () => {
    await putFlow(simpleFlow('run-public', { public: true }));
    await putFlow(simpleFlow('run-private'));
    expect((await run('run-public', { question: 'q' }, { token: undefined })).status).toBe(200);
    expect((await run('run-private', { question: 'q' }, { token: undefined })).status).toBe(401);
    expect((await run('run-private', { question: 'q' }, { token: 'not-a-key' })).status).toBe(401);
    expect((await run('run-private', { question: 'q' }, { token: ADMIN })).status).toBe(200);
    expect((await run('run-private', { question: 'q' }, { token: INVOKE })).status).toBe(200);
  });

  it('accepts any of several comma-separated invoke keys', async () => {
    await putFlow(simpleFlow('run-keys'));
    const env = { INVOKE_KEYS: 'first-key, second-key' };
    expect((await run('run-keys', { question: 'q' }, { token: 'second-key', env })).status).toBe(200);
    expect((await run('run-keys', { question: 'q' }, { token: INVOKE, env })).status).toBe(401);
  });

  it('answers 404 for an unknown flow, but 401 to callers without a key so ids do not leak', async () => {
    expect((await run('no-such-flow', {})).status).toBe(404);
    expect((await run('no-such-flow', {}, { token: undefined })).status).toBe(401);
  });

  it('answers 400 with problem paths when the input does not match the declaration', async () => {
    await putFlow(simpleFlow('run-input'));
    const res = await run('run-input', { question: 42, extra: true });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_input');
    expect(error.issues?.map((i) => i.path).sort()).toEqual(['$.input.extra', '$.input.question']);
    const missing = await errorOf(await run('run-input', {}));
    expect(missing.issues?.[0].path).toBe('$.input.question');
  });

  it('answers 400 for a body that is not JSON or has unknown fields, and 413 past 64 KB', async () => {
    await putFlow(simpleFlow('run-body'));
    const notJson = await call('/v1/flows/run-body/run', { method: 'POST', token: INVOKE, body: '{' });
    expect((await errorOf(notJson)).code).toBe('bad_json');
    expect((await call('/v1/flows/run-body/run', { method: 'POST', token: INVOKE, json: { question: 'q' } })).status).toBe(400);
    const big = await run('run-body', { question: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
  });

  it('answers 422 with the issues when the stored flow is a draft with problems', async () => {
    await admin('/v1/flows/run-draft?draft=1', { method: 'PUT', json: simpleFlow('run-draft', { edges: [] }) });
    const res = await run('run-draft', { question: 'q' });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_flow');
    expect(error.issues?.length).toBeGreaterThan(0);
  });

  it('answers 422 with the node id when an expression cannot be evaluated for this input', async () => {
    const flow = simpleFlow('expr-fails', {
      nodes: [
        { id: 'question', type: 'input', position: { x: 0, y: 0 }, data: {} },
        { id: 'result', type: 'output', position: { x: 200, y: 0 }, data: { value: 'input.question + input.missing' } },
      ],
      edges: [{ source: 'question', target: 'result' }],
    });
    await putFlow(flow);
    const res = await call('/v1/flows/expr-fails/run', { method: 'POST', token: INVOKE, json: { input: { question: 'q' } } });
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatchObject({ code: 'expression_error', nodeId: 'result' });
  });

  it('answers 502 with the node id when the provider fails', async () => {
    await putFlow(simpleFlow('run-provider', {}, { model: 'fake-not-found-model' }));
    const res = await run('run-provider', { question: 'q' }, { env: fakeEnv() });
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'provider_model_not_found', nodeId: 'answer' });
    expect(JSON.stringify(error)).not.toContain('sk-fake-test');
  });

  it('answers through the fake OpenAI server when it is the default provider', async () => {
    await putFlow(simpleFlow('run-fake'));
    const res = await run('run-fake', { question: 'q' }, { env: fakeEnv() });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { usage: { calls: number } }).usage.calls).toBe(1);
  });

  it('answers 504 when the run passes its deadline', async () => {
    await putFlow(simpleFlow('run-slow', {}, { model: 'fake-slow-3000' }));
    const started = Date.now();
    const res = await run('run-slow', { question: 'q' }, { env: { ...fakeEnv(), RUN_DEADLINE_MS: '200' } });
    expect(res.status).toBe(504);
    expect((await errorOf(res)).code).toBe('deadline_exceeded');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('sends an error event instead of done when a streamed run fails', async () => {
    await putFlow(simpleFlow('run-sse-fail', {}, { model: 'fake-not-found-model' }));
    const res = await run('run-sse-fail', { question: 'q' }, { env: fakeEnv(), headers: { accept: 'text/event-stream' } });
    const events = parseSse(await res.text());
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { error: { code: 'provider_model_not_found', nodeId: 'answer' } } });
    expect(events.some((e) => e.event === 'done')).toBe(false);
  });

  it('cancels the run when the client goes away', async () => {
    await putFlow(simpleFlow('run-cancel', {}, { model: 'fake-slow-5000' }));
    const controller = new AbortController();
    const res = await run(
      'run-cancel',
      { question: 'q' },
      { env: fakeEnv(), headers: { accept: 'text/event-stream' }, signal: controller.signal },
    );
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('run.start');
    expect(runsInFlight()).toBe(1);
    await reader.cancel();
    controller.abort();
    // The model would take 5 s; an aborted run ends at once.
    await vi.waitFor(() => expect(runsInFlight()).toBe(0), { timeout: 5000, interval: 20 });
  });
});
