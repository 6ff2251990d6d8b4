// GET /v1/providers: what the editor's provider and model pickers offer.
import { describe, expect, it } from 'vitest';
import { admin, call, errorOf } from './helpers';

type Answer = { providers: { name: string; type: string; baseURL?: string; models: string[] }[] };

describe('GET /v1/providers', () => {
  it('lists the configured providers with suggested models and never a key', async () => {
    const res = await admin('/v1/providers', { env: { OPENAI_API_KEY: 'sk-secret-value', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('sk-secret-value');
    const { providers } = JSON.parse(text) as Answer;
    const byName = new Map(providers.map((p) => [p.name, p]));
    expect(byName.get('default')).toMatchObject({ type: 'openai', baseURL: 'http://127.0.0.1:9/v1' });
    expect(byName.get('default')?.models).toContain('gpt-4o-mini');
    expect(byName.get('echo')?.models).toContain('echo:fail-404');
  });

  it('offers the echo failure models when echo is the default provider', async () => {
    const { providers } = (await (await admin('/v1/providers')).json()) as Answer;
    expect(providers.find((p) => p.name === 'default')).toMatchObject({ type: 'echo' });
    expect(providers.find((p) => p.name === 'default')?.models).toEqual(expect.arrayContaining(['echo:fail-timeout', 'echo:fail-500']));
  });

  it('refuses a caller without the admin token', async () => {
    const res = await call('/v1/providers');
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBeTruthy();
  });
});
