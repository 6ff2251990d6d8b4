import { describe, expect, it, inject } from 'vitest';
import { env } from 'cloudflare:test';
import { evaluateExpression } from '../../worker/engine/expression';
describe('smoke', () => {
  it('runs inside workerd with KV and the fake server', async () => {
    await env.WEIR_KV.put('k', 'v');
    expect(await env.WEIR_KV.get('k')).toBe('v');
    expect(evaluateExpression('input.n + 1', { input: { n: 1 }, nodes: {} })).toBe(2);
    const res = await fetch(inject('fakeOpenAIUrl') + '/models');
    expect(res.status).toBe(200);
  });
});
