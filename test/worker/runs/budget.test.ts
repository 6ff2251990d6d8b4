import { describe, expect, it, beforeEach } from 'vitest';
import { forgetSpend } from '../../../worker/runs/budget';
import { ADMIN, INVOKE, call, errorOf, putFlow, simpleFlow } from '../routes/helpers';
import { run } from './helpers';

beforeEach(() => forgetSpend());

describe('daily budgets', () => {
  it('answers 429 with Retry-After once the flow has used its daily tokens, and lets the admin token through', async () => {
    await putFlow(simpleFlow('budget-tokens', { budget: { dailyTokens: 10 } }));
    expect((await run('budget-tokens', { question: 'a question long enough to use more than ten tokens in total' })).res.status).toBe(200);
    forgetSpend();
    const refused = await call('/v1/flows/budget-tokens/run', { method: 'POST', token: INVOKE, json: { input: { question: 'q' } } });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(await errorOf(refused)).toMatchObject({ code: 'budget_exceeded' });
    const admin = await call('/v1/flows/budget-tokens/run', { method: 'POST', token: ADMIN, json: { input: { question: 'q' } } });
    expect(admin.status).toBe(200);
  });

  it("refuses over a cost budget in OpenAI's error shape on /v1/chat/completions", async () => {
    await putFlow(simpleFlow('budget-cost', { budget: { dailyCostUsd: 0.0000001 } }, { model: 'gpt-4o-mini' }));
    expect((await run('budget-cost', { question: 'spend something' })).res.status).toBe(200);
    forgetSpend();
    const res = await call('/v1/chat/completions', {
      method: 'POST',
      token: INVOKE,
      json: { model: 'flow:budget-cost', messages: [{ role: 'user', content: 'hello' }] },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await res.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'budget_exceeded' } });
  });

  it('runs flows under their budget and flows without one', async () => {
    await putFlow(simpleFlow('budget-roomy', { budget: { dailyTokens: 1_000_000, dailyCostUsd: 100 } }));
    expect((await run('budget-roomy', { question: 'q' })).res.status).toBe(200);
    expect((await run('budget-roomy', { question: 'q' })).res.status).toBe(200);
  });
});
