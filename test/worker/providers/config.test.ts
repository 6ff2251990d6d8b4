// Provider configuration from the environment and routing requests to the named provider.
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:test';
import { LlmError } from '../../../worker/engine/errors';
import { createLlmClient, describeProviders, providerConfigFromEnv, ProviderConfigError } from '../../../worker/providers';
import { failure, fakeUrl, received, request, uniqueModel } from './fake-control';

const configError = (e: Record<string, unknown>): string => {
  try {
    providerConfigFromEnv(e);
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a config error');
};

describe('providerConfigFromEnv', () => {
  it('makes "default" the echo provider when nothing is configured', () => {
    expect(providerConfigFromEnv({ PROVIDERS: '' }).providers).toEqual({ default: { type: 'echo' }, echo: { type: 'echo' } });
    expect(describeProviders(providerConfigFromEnv(env as unknown as Record<string, unknown>))).toEqual([
      { name: 'default', type: 'echo' },
      { name: 'echo', type: 'echo' },
    ]);
  });

  it('makes "default" an OpenAI provider when OPENAI_API_KEY is set, with an optional base URL', () => {
    const plain = providerConfigFromEnv({ OPENAI_API_KEY: 'sk-live-abcdef123456' });
    expect(plain.providers.default).toMatchObject({ type: 'openai', baseURL: 'https://api.openai.com/v1', apiKey: 'sk-live-abcdef123456' });
    const local = providerConfigFromEnv({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' });
    expect(local.providers.default).toMatchObject({ type: 'openai', baseURL: 'http://127.0.0.1:11434/v1' });
  });

  it('reads PROVIDERS JSON, taking each key from the variable apiKeyVar names', () => {
    const config = providerConfigFromEnv({
      PROVIDERS: JSON.stringify({
        default: { type: 'openai', baseURL: 'https://api.openai.com/v1', apiKeyVar: 'OPENAI_API_KEY' },
        local: { type: 'openai', baseURL: 'http://127.0.0.1:11434/v1' },
      }),
      OPENAI_API_KEY: 'sk-live-abcdef123456',
    });
    expect(config.providers.default).toMatchObject({ type: 'openai', apiKey: 'sk-live-abcdef123456' });
    expect(config.providers.local).toEqual({ type: 'openai', baseURL: 'http://127.0.0.1:11434/v1' });
    expect(describeProviders(config)).toEqual([
      { name: 'default', type: 'openai', baseURL: 'https://api.openai.com/v1' },
      { name: 'local', type: 'openai', baseURL: 'http://127.0.0.1:11434/v1' },
      { name: 'echo', type: 'echo' },
    ]);
    expect(JSON.stringify(describeProviders(config))).not.toContain('sk-live');
  });

  it('accepts PROVIDERS given as an object (a wrangler [vars] table)', () => {
    const config = providerConfigFromEnv({ PROVIDERS: { fast: { type: 'echo' } } });
    expect(Object.keys(config.providers).sort()).toEqual(['default', 'echo', 'fast']);
  });

  it('rejects an inline apiKey without repeating it', () => {
    const message = configError({
      PROVIDERS: JSON.stringify({ default: { type: 'openai', baseURL: 'https://x.test/v1', apiKey: 'sk-inline-123456789' } }),
    });
    expect(message).toContain('PROVIDERS.default.apiKey');
    expect(message).toContain('apiKeyVar');
    expect(message).not.toContain('sk-inline');
  });

  it('names the field at fault in PROVIDERS', () => {
    expect(configError({ PROVIDERS: '{not json' })).toBe('PROVIDERS is not valid JSON');
    expect(configError({ PROVIDERS: '[]' })).toContain('must be a JSON object');
    expect(configError({ PROVIDERS: JSON.stringify({ local: { type: 'openai', baseURL: 'ftp://x' } }) })).toContain(
      'PROVIDERS.local.baseURL',
    );
    expect(configError({ PROVIDERS: JSON.stringify({ local: { type: 'claude' } }) })).toContain('PROVIDERS.local');
    expect(configError({ PROVIDERS: JSON.stringify({ echo: { type: 'openai', baseURL: 'https://x.test/v1' } }) })).toContain('reserved');
  });
});

describe('createLlmClient', () => {
  it('routes a request to the provider it names and reports that name', async () => {
    const config = providerConfigFromEnv({ PROVIDERS: JSON.stringify({ local: { type: 'openai', baseURL: fakeUrl() } }) });
    const client = createLlmClient(config);
    const model = uniqueModel();
    const local = await client.complete(request(model, { provider: 'local' }));
    expect(local).toMatchObject({ provider: 'local', text: `fake answer from ${model}: Hello there` });
    const fallback = await client.complete(request('m', { provider: 'default' }));
    expect(fallback).toMatchObject({ provider: 'default', echo: true });
    expect(await received(model)).toHaveLength(1);
  });

  it('always offers echo by name, even when default is a real provider', async () => {
    const client = createLlmClient(providerConfigFromEnv({ OPENAI_API_KEY: 'sk-live-abcdef123456', OPENAI_BASE_URL: fakeUrl() }));
    expect(await client.complete(request('m', { provider: 'echo' }))).toMatchObject({ provider: 'echo', echo: true });
  });

  it('fails with provider_unknown, not retryable, for a provider that is not configured', async () => {
    const err = await failure(createLlmClient(providerConfigFromEnv({})).complete(request('m', { provider: 'nope' })));
    expect(err).toBeInstanceOf(LlmError);
    expect(err).toMatchObject({ code: 'provider_unknown', retryable: false });
    expect(err.message).toContain("'nope'");
  });

  it('fails with provider_auth when the variable apiKeyVar names is not set', async () => {
    const config = providerConfigFromEnv({
      PROVIDERS: JSON.stringify({ default: { type: 'openai', baseURL: fakeUrl(), apiKeyVar: 'MISSING_KEY' } }),
    });
    const err = await failure(createLlmClient(config).complete(request('m')));
    expect(err).toMatchObject({ code: 'provider_auth' });
    expect(err.message).toContain('MISSING_KEY');
  });

  it('applies retry options given to the client', async () => {
    const config = providerConfigFromEnv({ PROVIDERS: JSON.stringify({ default: { type: 'openai', baseURL: fakeUrl() } }) });
    const model = uniqueModel('fake-server-error');
    const err = await failure(createLlmClient(config, { retry: { attempts: 2, baseDelayMs: 1 } }).complete(request(model)));
    expect(err.code).toBe('provider_error');
    expect(await received(model)).toHaveLength(2);
  });
});
