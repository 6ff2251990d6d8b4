// Property test at the HTTP edge: arbitrary bodies sent to every write and run endpoint get a
// clear JSON error (or success), never a 500, an HTML page or a stack trace, and leave what is
// stored readable.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADMIN, INVOKE, admin, call, putFlow, simpleFlow } from './helpers';

const jsonish = fc.oneof(
  fc.json(),
  fc.string(),
  fc.constant('{"input": {"question": 1}}'),
  fc.constant('{"input": {"question": "a fair question"}}'),
  fc.constant('{"model": "flow:stable", "messages": [{"role": "user", "content": "hi"}]}'),
  fc.constant('{"version": 1, "id": "x", "nodes": [{"id": "a", "type": "input"}]}'),
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
];

describe('every write and run endpoint under arbitrary bodies', () => {
  it('answers JSON with a status below 500 (or 502/504 for provider trouble), never an internal error', async () => {
    await putFlow(simpleFlow('stable'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), jsonish, async (target, body) => {
        const res = await call(target.path, {
          method: target.method,
          token: target.token,
          body,
          headers: { 'content-type': 'application/json' },
        });
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
      { numRuns: 250 },
    );
    // What was stored is still readable and the stable flow still runs.
    const list = await admin('/v1/flows');
    expect(list.status).toBe(200);
    const run = await call('/v1/flows/stable/run', { method: 'POST', token: INVOKE, json: { input: { question: 'still fine?' } } });
    expect(run.status).toBe(200);
  });
});
