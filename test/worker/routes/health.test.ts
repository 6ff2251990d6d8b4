import { describe, expect, it } from 'vitest';
import { ADMIN, INVOKE, call, errorOf } from './helpers';

describe('GET /v1/health', () => {
  it('answers ok and nothing else to callers without the admin token', async () => {
    const env = { PROVIDERS: JSON.stringify({ 'internal-gpu': { type: 'echo' } }) };
    for (const token of [undefined, INVOKE, 'wrong']) {
      const res = await call('/v1/health', { token, env });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
    }
  });

  it('answers ok with the configured providers and no secrets to the admin token', async () => {
    const res = await call('/v1/health', {
      token: ADMIN,
      env: { OPENAI_API_KEY: 'sk-secret-value', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      ok: true,
      providers: expect.arrayContaining([
        { name: 'default', type: 'openai' },
        { name: 'echo', type: 'echo' },
      ]),
    });
    expect(text).not.toContain('sk-secret-value');
  });

  it('reports the echo provider as default when no key is configured', async () => {
    const body = (await (await call('/v1/health', { token: ADMIN })).json()) as { providers: { name: string; type: string }[] };
    expect(body.providers).toContainEqual({ name: 'default', type: 'echo' });
  });

  it('answers unknown /v1 paths with a JSON 404, not HTML', async () => {
    const res = await call('/v1/nothing/here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect((await errorOf(res)).code).toBe('not_found');
  });

  it('answers a broken PROVIDERS setting with a JSON 500 that names the problem', async () => {
    const res = await call('/v1/health', { env: { PROVIDERS: '{not json' } });
    expect(res.status).toBe(500);
    expect(await errorOf(res)).toMatchObject({ code: 'provider_config', message: 'PROVIDERS is not valid JSON' });
  });
});
