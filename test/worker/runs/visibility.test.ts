import { describe, expect, it } from 'vitest';
import { parseSse } from '../../helpers/sse';
import { ADMIN, INVOKE, call, errorOf, putFlow, simpleFlow } from '../routes/helpers';

const run = (id: string, init: Parameters<typeof call>[1] = {}, query = '') =>
  call(`/v1/flows/${id}/run${query}`, { method: 'POST', json: { input: { question: 'What is secret?' } }, ...init });
const sse = { accept: 'text/event-stream' };

describe('who sees traces', () => {
  it('refuses ?trace=1 to anonymous callers of a public flow and to invoke keys, with a 403 that says why', async () => {
    await putFlow(simpleFlow('vis-public', { public: true }, { system: 'You are the secret system prompt.' }));
    for (const token of [undefined, INVOKE]) {
      const res = await run('vis-public', { token }, '?trace=1');
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toMatchObject({ code: 'trace_forbidden' });
    }
    const admin = await run('vis-public', { token: ADMIN }, '?trace=1');
    expect(JSON.stringify(await admin.json())).toContain('You are the secret system prompt.');
  });

  it('gives anonymous callers the output, usage and versions only, in JSON and in the SSE done event', async () => {
    await putFlow(simpleFlow('vis-answer', { public: true }, { system: 'You are the secret system prompt.' }));
    const json = (await (await run('vis-answer')).json()) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['flow', 'output', 'prompts', 'runId', 'usage']);
    const events = parseSse(await (await run('vis-answer', { headers: sse })).text());
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(Object.keys(done.data).sort()).toEqual(['flow', 'output', 'prompts', 'runId', 'usage']);
    for (const e of events.filter((e) => e.event === 'node.end')) expect(e.data).not.toHaveProperty('summary');
    expect(JSON.stringify(events)).not.toContain('secret system prompt');
  });

  it('gives invoke keys the trace when the flow sets traceAccess "keys"', async () => {
    await putFlow(simpleFlow('vis-keys', { traceAccess: 'keys' }, { system: 'Shared system prompt.' }));
    const json = (await (await run('vis-keys', { token: INVOKE }, '?trace=1')).json()) as { trace: unknown[] };
    expect(JSON.stringify(json.trace)).toContain('Shared system prompt.');
    const done = parseSse(await (await run('vis-keys', { token: INVOKE, headers: sse })).text()).at(-1)!;
    expect(done.data).toHaveProperty('trace');
    // Anonymous callers never do, whatever the flow says.
    await putFlow(simpleFlow('vis-keys-public', { traceAccess: 'keys', public: true }));
    expect((await run('vis-keys-public', {}, '?trace=1')).status).toBe(403);
  });
});
