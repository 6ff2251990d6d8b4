// Issue 8 §5 and §6 under a real `wrangler dev`: the Workers Rate Limiting bindings of
// wrangler.toml hold anonymous callers from one address at the configured limit (429 and
// Retry-After, in OpenAI's shape on /v1/chat/completions; the admin is not limited); a body nested
// 5,000 deep is a 400 on PUT and /validate alike; a ~300 MB model answer is a 502
// provider_bad_response, not a crashed isolate. And the worker's own port does not expose
// wrangler's local explorer (local KV, D1 and R2 with CORS for any origin).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeOpenAI } from '../helpers/fake-openai';
import { startWeir, type Weir } from './harness';

let weir: Weir;
let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  weir = await startWeir({ OPENAI_API_KEY: 'sk-limits-e2e', OPENAI_BASE_URL: fake.url });
});
afterAll(async () => {
  await weir?.stop();
  await fake?.close();
});

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${weir.url}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${weir.adminToken}`,
      'content-type': 'application/json',
      ...(init.headers as Record<string, string>),
    },
  });

describe('body and answer limits under wrangler dev', () => {
  test('a flow nested 5,000 deep is the same 400 on PUT and on /validate', async () => {
    const nested = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const body = `{"version": 1, "id": "deep", "name": "Deep", "nodes": [{"id": "a", "type": "input", "position": {"x": 0, "y": 0}, "data": ${nested}}], "edges": []}`;
    for (const [method, path] of [
      ['PUT', '/v1/flows/deep'],
      ['POST', '/v1/flows/validate'],
    ]) {
      const res = await admin(path, { method, body });
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'too_deeply_nested' } });
    }
  });

  test('a model answering ~300 MB fails the node as provider_bad_response (502), JSON and streamed, and the worker keeps serving', async () => {
    const flow = {
      version: 1,
      id: 'huge-answer',
      name: 'Huge answer',
      input: { fields: { question: { type: 'string', required: true } } },
      nodes: [
        { id: 'in', type: 'input', position: { x: 0, y: 0 }, data: {} },
        {
          id: 'answer',
          type: 'prompt',
          position: { x: 1, y: 0 },
          data: { model: 'fake-huge-answer', prompt: { text: '{{input.question}}' } },
        },
        { id: 'out', type: 'output', position: { x: 2, y: 0 }, data: {} },
      ],
      edges: [
        { source: 'in', target: 'answer' },
        { source: 'answer', target: 'out' },
      ],
    };
    expect((await admin('/v1/flows/huge-answer', { method: 'PUT', body: JSON.stringify(flow) })).status).toBe(200);
    const run = await admin('/v1/flows/huge-answer@draft/run', { method: 'POST', body: JSON.stringify({ input: { question: 'big?' } }) });
    expect(run.status).toBe(502);
    expect(await run.json()).toMatchObject({ error: { code: 'provider_bad_response', nodeId: 'answer' } });
    const streamed = await admin('/v1/flows/huge-answer@draft/run', {
      method: 'POST',
      headers: { accept: 'text/event-stream' },
      body: JSON.stringify({ input: { question: 'big?' } }),
    });
    expect(await streamed.text()).toContain('provider_bad_response');
    expect((await fetch(`${weir.url}/v1/health`)).status).toBe(200);
  });
});

/** 2 * limit + 2 requests always fill one wall-clock window, whatever rolls over in between. */
async function untilLimited(limit: number, send: () => Promise<Response>): Promise<{ res: Response; sent: number }> {
  for (let i = 0; i < 2 * limit + 2; i++) {
    const res = await send();
    if (res.status === 429) return { res, sent: i + 1 };
    expect(res.status).toBeLessThan(500);
    await res.body?.cancel();
  }
  throw new Error('never limited');
}

describe('rate limits under wrangler dev', () => {
  test('an anonymous caller past 120 runs a minute gets 429 with Retry-After on both run routes; the admin does not', async () => {
    const run = () =>
      fetch(`${weir.url}/v1/flows/email-announcement/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input: { audience: 'Existing customers', tone: 'friendly', cta: 'Try it' } }),
      });
    const { res, sent } = await untilLimited(120, run);
    expect(sent).toBeGreaterThan(120);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });

    const chatSend = () =>
      fetch(`${weir.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'flow:email-announcement', messages: [{ role: 'user', content: 'hi' }] }),
      });
    // Usually the first chat request is already over the limit; a window rollover costs at most one more round.
    const { res: chat } = await untilLimited(120, chatSend);
    expect(chat.headers.get('retry-after')).toBe('60');
    expect(await chat.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' } });

    const admin = await fetch(`${weir.url}/v1/flows/email-announcement/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${weir.adminToken}` },
      body: JSON.stringify({ input: { audience: 'Existing customers', tone: 'friendly', cta: 'Try it' } }),
    });
    expect(admin.status).toBe(200);
  });
});

describe('the worker port of `npm start`', () => {
  test('does not serve wrangler’s local explorer (KV, D1, R2 with CORS) to another origin', async () => {
    for (const path of ['/cdn-cgi/local/explorer/api/storage/kv/namespaces', '/cdn-cgi/local/explorer/api/d1/database']) {
      const res = await fetch(`${weir.url}${path}`, { headers: { origin: 'http://127.0.0.1:9999' } });
      const text = await res.text();
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(text, path).not.toContain('WEIR_KV');
      expect(text, path).not.toContain('"success":true');
    }
  });
});
