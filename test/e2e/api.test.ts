// The HTTP behaviour that only a real workerd can show: SSE delivered as it happens (not
// buffered), provider failures and deadlines as 502/504, JSON errors for /v1 and the editor elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../helpers/fake-openai';
import { startWeir, type Weir } from './harness';

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
let weir: Weir;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  weir = await startWeir({ OPENAI_API_KEY: 'sk-fake-e2e', OPENAI_BASE_URL: fake.url, RUN_DEADLINE_MS: '1500' });
});
afterAll(async () => {
  await weir?.stop();
  await fake?.close();
});

function flowWithModel(id: string, model: string) {
  return {
    version: 1,
    id,
    name: id,
    input: { fields: { question: { type: 'string', required: true } } },
    nodes: [
      { id: 'question', type: 'input', position: { x: 0, y: 0 }, data: {} },
      { id: 'answer', type: 'prompt', position: { x: 200, y: 0 }, data: { model, prompt: { text: '{{input.question}}' } } },
      { id: 'result', type: 'output', position: { x: 400, y: 0 }, data: {} },
    ],
    edges: [
      { source: 'question', target: 'answer' },
      { source: 'answer', target: 'result' },
    ],
  };
}

async function putFlow(flow: { id: string }) {
  const res = await fetch(`${weir.url}/v1/flows/${flow.id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${weir.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(flow),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

const run = (id: string, sse = false) =>
  fetch(`${weir.url}/v1/flows/${id}/run`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${weir.invokeKey}`,
      'content-type': 'application/json',
      ...(sse ? { accept: 'text/event-stream' } : {}),
    },
    body: JSON.stringify({ input: { question: 'hello there' } }),
  });

describe('the API on real workerd', () => {
  it('delivers SSE events as they happen instead of buffering them until the run ends', async () => {
    await putFlow(flowWithModel('slow-stream', 'fake-slow-1000'));
    const started = Date.now();
    const res = await run('slow-stream', true);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: run.start');
    // A buffered stream would arrive as one chunk with the end in it; this one arrives in pieces.
    expect(first).not.toContain('event: done');
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toContain('event: done');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('answers a provider failure with 502 and the failing node id', async () => {
    await putFlow(flowWithModel('provider-fails', 'fake-not-found-x'));
    const res = await run('provider-fails');
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: { code: 'provider_model_not_found', nodeId: 'answer' } });
  });

  it('answers a run past RUN_DEADLINE_MS with 504', async () => {
    await putFlow(flowWithModel('too-slow', 'fake-slow-5000'));
    const started = Date.now();
    const res = await run('too-slow');
    expect(res.status).toBe(504);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('deadline_exceeded');
    // Cut at the deadline, not after the provider's own 5 s.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('answers unknown /v1 paths and bad bodies with JSON errors, and serves the editor elsewhere', async () => {
    const missing = await fetch(`${weir.url}/v1/not-a-route`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
    const bad = await fetch(`${weir.url}/v1/flows/slow-stream/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${weir.invokeKey}` },
      body: '{oops',
    });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'bad_json' } });
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    const editor = await fetch(`${weir.url}/some/editor/route`);
    expect(editor.status).toBe(200);
    expect(editor.headers.get('content-type')).toContain('text/html');
  });
});
