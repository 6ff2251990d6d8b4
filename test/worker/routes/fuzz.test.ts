// Property test at the HTTP edge: arbitrary bodies sent to every write and run endpoint get a
// clear JSON error (or success), never a 500, an HTML page or a stack trace, and leave what is
// stored readable. Includes bodies nested thousands deep and a flow whose model answers hundreds
// of megabytes (the fake provider's huge-answer mode).
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { ADMIN, INVOKE, admin, call, putFlow, simpleFlow } from './helpers';

/** JSON nested `depth` levels deep, as arrays or objects, optionally inside a flow or a run input. */
const deep = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 60, max: 6000 })),
    shape: fc.constantFrom('array', 'object', 'flow', 'input', 'chat'),
  })
  .map(({ depth, shape }) => {
    const nested = shape === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    if (shape === 'flow')
      return `{"version": 1, "id": "fuzzed", "name": "Fuzzed", "nodes": [{"id": "a", "type": "input", "position": {"x": 0, "y": 0}, "data": ${nested}}], "edges": []}`;
    if (shape === 'input') return `{"input": {"question": ${nested}}}`;
    if (shape === 'chat') return `{"model": "flow:stable", "messages": [{"role": "user", "content": "hi"}], "input": {"x": ${nested}}}`;
    return nested;
  });

/** The fake provider (test/helpers/fake-openai.ts) answering ~300 MB, capped at 1 MB for speed. */
const hugeEnv = () => ({
  PROVIDERS: JSON.stringify({
    huge: { type: 'openai', baseURL: inject('fakeOpenAIUrl'), maxAnswerBytes: 1024 * 1024, retry: { attempts: 1 } },
  }),
});
const stats = { requests: 0, serverErrors: 0, providerErrors: 0 };

const jsonish = fc.oneof(
  fc.json(),
  fc.string(),
  fc.constant('{"input": {"question": 1}}'),
  fc.constant('{"input": {"question": "a fair question"}}'),
  fc.constant('{"model": "flow:stable", "messages": [{"role": "user", "content": "hi"}]}'),
  fc.constant('{"version": 1, "id": "x", "nodes": [{"id": "a", "type": "input"}]}'),
  deep,
  fc.record({ input: fc.dictionary(fc.string(), fc.jsonValue()) }).map((v) => JSON.stringify(v)),
  fc
    .record({ template: fc.oneof(fc.record({ text: fc.string() }), fc.jsonValue()), temperature: fc.jsonValue() })
    .map((v) => JSON.stringify(v)),
  fc
    .record({ model: fc.string(), messages: fc.array(fc.record({ role: fc.string(), content: fc.jsonValue() })) })
    .map((v) => JSON.stringify(v)),
);

const targets: { method: string; path: string; token: string }[] = [
  { method: 'PUT', path: '/v1/flows/fuzzed', token: ADMIN },
  { method: 'PUT', path: '/v1/flows/fuzzed?draft=1', token: ADMIN },
  { method: 'POST', path: '/v1/flows/validate', token: ADMIN },
  { method: 'POST', path: '/v1/flows/stable/run', token: INVOKE },
  { method: 'POST', path: '/v1/flows/stable/run?trace=1', token: ADMIN },
  { method: 'POST', path: '/v1/flows/stable/versions', token: ADMIN },
  { method: 'PUT', path: '/v1/flows/stable/labels/staging', token: ADMIN },
  { method: 'POST', path: '/v1/prompts/fuzzed/versions', token: ADMIN },
  { method: 'PUT', path: '/v1/prompts/fuzzed/labels/production', token: ADMIN },
  { method: 'POST', path: '/v1/chat/completions', token: INVOKE },
  { method: 'POST', path: '/v1/flows/huge/run', token: INVOKE },
  { method: 'POST', path: '/v1/flows/huge/run?trace=1', token: ADMIN },
];

// Generous: a thousand requests (some streaming megabytes) on a shared machine.
const FUZZ_TIMEOUT_MS = 180_000;

describe('every write and run endpoint under arbitrary bodies', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('answers JSON with a status below 500 (or 502/504 for provider trouble), never an internal error', async () => {
    await putFlow(simpleFlow('stable'));
    await putFlow(simpleFlow('huge', {}, { provider: 'huge', model: 'fake-huge-answer' }), hugeEnv());
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), jsonish, async (target, body) => {
        const res = await call(target.path, {
          method: target.method,
          token: target.token,
          body,
          headers: { 'content-type': 'application/json' },
          env: hugeEnv(),
        });
        stats.requests++;
        if (res.status === 502 || res.status === 504) stats.providerErrors++;
        else if (res.status >= 500) stats.serverErrors++;
        expect(res.headers.get('content-type') ?? '').toContain('application/json');
        const parsed = (await res.json()) as { error?: { code?: string; message?: string } };
        expect(
          res.status === 500 || res.status === 503,
          `${target.method} ${target.path} answered ${res.status}: ${JSON.stringify(parsed)}`,
        ).toBe(false);
        if (res.status >= 400) {
          expect(typeof parsed.error?.message).toBe('string');
          expect(JSON.stringify(parsed)).not.toMatch(/\n\s+at /); // no stack traces
        }
      }),
      { numRuns: 1000 },
    );
    console.log(
      `HTTP fuzz: ${stats.requests} requests, ${stats.serverErrors} 5xx other than provider 502/504 (${stats.providerErrors} typed provider 502/504)`,
    );
    expect(stats.serverErrors).toBe(0);
    // What was stored is still readable and the stable flow still runs.
    const list = await admin('/v1/flows');
    expect(list.status).toBe(200);
    const run = await call('/v1/flows/stable/run', { method: 'POST', token: INVOKE, json: { input: { question: 'still fine?' } } });
    expect(run.status).toBe(200);
  });
});

describe('pathological bodies and answers at the HTTP edge', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('answers a flow nested 5,000 deep with the same 400 on PUT and on /validate, never a 500', async () => {
    const nested = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const body = `{"version": 1, "id": "deep", "name": "Deep", "nodes": [{"id": "a", "type": "input", "position": {"x": 0, "y": 0}, "data": ${nested}}], "edges": []}`;
    for (const path of ['/v1/flows/deep', '/v1/flows/deep?draft=1', '/v1/flows/validate']) {
      const res = await call(path, {
        method: path.includes('validate') ? 'POST' : 'PUT',
        token: ADMIN,
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_deeply_nested');
    }
    const arrays = '['.repeat(5000) + ']'.repeat(5000);
    for (const [path, token] of [
      ['/v1/flows/stable/run', INVOKE],
      ['/v1/chat/completions', INVOKE],
      ['/v1/prompts/deep/versions', ADMIN],
    ]) {
      const res = await call(path, { method: 'POST', token, body: arrays, headers: { 'content-type': 'application/json' } });
      expect(res.status, path).toBe(400);
    }
  });

  it('accepts nesting up to the limit', async () => {
    const nested = '{"a":'.repeat(50) + '1' + '}'.repeat(50);
    const res = await admin('/v1/flows/validate', {
      method: 'POST',
      body: `{"version": 1, "id": "ok", "nodes": [], "edges": [], "x": ${nested}}`,
    });
    expect(res.status).toBe(200);
  });

  it('answers a model answer of ~300 MB as a 502 provider_bad_response naming the node, on the edge URL and the chat route', async () => {
    // The default cap (16 MiB) and the fake's default 300 MB answer.
    const env = { PROVIDERS: JSON.stringify({ huge: { type: 'openai', baseURL: inject('fakeOpenAIUrl'), retry: { attempts: 1 } } }) };
    await putFlow(simpleFlow('huge-default', {}, { provider: 'huge', model: 'fake-huge-answer-default' }), env);
    const run = await call('/v1/flows/huge-default/run', { method: 'POST', token: INVOKE, json: { input: { question: 'big?' } }, env });
    expect(run.status).toBe(502);
    expect(await run.json()).toMatchObject({ error: { code: 'provider_bad_response', nodeId: 'answer' } });
    const chat = await call('/v1/chat/completions', {
      method: 'POST',
      token: INVOKE,
      json: { model: 'flow:huge-default', messages: [{ role: 'user', content: 'big?' }] },
      env,
    });
    expect(chat.status).toBe(502);
    expect(await chat.json()).toMatchObject({ error: { code: 'provider_bad_response', type: 'server_error' } });
  });

  it('does not list configured provider names to invoke-key callers in provider_unknown errors', async () => {
    const env = { PROVIDERS: JSON.stringify({ 'internal-gpu-cluster': { type: 'echo' } }) };
    // Saved while "nope" was configured; the configuration changed since, so the run cannot find it.
    await putFlow(simpleFlow('unknown-provider', {}, { provider: 'nope' }), { PROVIDERS: JSON.stringify({ nope: { type: 'echo' } }) });
    const res = await call('/v1/flows/unknown-provider/run', {
      method: 'POST',
      token: INVOKE,
      json: { input: { question: 'q' } },
      env,
    });
    const text = await res.text();
    expect(res.status).toBe(502);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'provider_unknown' } });
    expect(text).not.toContain('internal-gpu-cluster');
  });
});
