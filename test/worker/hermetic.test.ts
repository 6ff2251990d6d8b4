import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { admin } from './routes/helpers';

describe('test bindings', () => {
  it("do not carry the developer's .dev.vars: every key found there is empty unless the tests set it", () => {
    const bindings = env as unknown as Record<string, unknown>;
    const own: Record<string, string> = { ADMIN_TOKEN: 'test-admin-token', INVOKE_KEYS: 'test-invoke-key', PROVIDERS: '' };
    for (const key of env.TEST_NEUTRALISED_KEYS) expect(bindings[key], key).toBe(own[key] ?? '');
    expect(bindings.OPENAI_API_KEY ?? '').toBe('');
  });

  it('leave the default provider on the offline echo', async () => {
    const health = (await (await admin('/v1/health')).json()) as { providers: { name: string; type: string }[] };
    expect(health.providers.find((p) => p.name === 'default')?.type).toBe('echo');
  });
});
