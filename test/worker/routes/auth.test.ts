import { describe, expect, it } from 'vitest';
import { ADMIN, INVOKE, call, errorOf } from './helpers';

describe('management auth', () => {
  it('refuses a request without a token with 401 and a WWW-Authenticate header', async () => {
    const res = await call('/v1/flows');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect((await errorOf(res)).code).toBe('unauthorized');
  });

  it('refuses a wrong token with 401 and never echoes it', async () => {
    const res = await call('/v1/prompts', { token: 'wrong-token-123' });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('wrong-token-123');
  });

  it('refuses an invoke key on management endpoints with 403', async () => {
    const res = await call('/v1/flows', { token: INVOKE });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden');
  });

  it('refuses management entirely with 503 when ADMIN_TOKEN is unset, whatever the token', async () => {
    for (const token of [undefined, ADMIN, '']) {
      const res = await call('/v1/flows', { token, env: { ADMIN_TOKEN: undefined } });
      expect(res.status).toBe(503);
      expect(await errorOf(res)).toMatchObject({ code: 'admin_token_unset', message: expect.stringContaining('ADMIN_TOKEN') });
    }
  });

  it('accepts the admin token', async () => {
    expect((await call('/v1/flows', { token: ADMIN })).status).toBe(200);
  });
});
