// How provider failures are classified: auth, unknown models, bad bodies and cut streams, and
// that the API key never shows up in what we report.
import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../worker/engine/errors';
import { createOpenAIProvider } from '../../../worker/providers/openai';
import { redactSecrets } from '../../../worker/providers/redact';
import { failure, fakeUrl, received, request, script, uniqueModel } from './fake-control';

const KEY = 'sk-proj-SECRETsecret0123456789';
const provider = () => createOpenAIProvider({ name: 'default', baseURL: fakeUrl(), apiKey: KEY, retry: { baseDelayMs: 1, maxDelayMs: 5 } });

describe('classifying provider failures', () => {
  it('classifies 404 model not found as final and does not retry it', async () => {
    const model = uniqueModel('fake-not-found');
    const err = await failure(provider().complete(request(model)));
    expect(err).toBeInstanceOf(LlmError);
    expect(err).toMatchObject({ code: 'provider_model_not_found', status: 404, retryable: false });
    expect(err.message).toContain('does not exist');
    expect(await received(model)).toHaveLength(1);
  });

  it('classifies 401 as provider_auth without retrying', async () => {
    const model = uniqueModel('fake-unauthorized');
    const err = await failure(provider().complete(request(model)));
    expect(err).toMatchObject({ code: 'provider_auth', status: 401, retryable: false });
    expect(await received(model)).toHaveLength(1);
  });

  it('never puts the API key into an error message, even when the server echoes it', async () => {
    const model = uniqueModel('fake-unauthorized');
    const err = await failure(provider().complete(request(model)));
    const [sent] = await received(model);
    expect(sent.authorization).toBe(`Bearer ${KEY}`);
    expect(err.message).toContain('Incorrect API key provided');
    expect(err.message).not.toContain(KEY);
    expect(err.message).not.toContain('SECRETsecret');
    expect(JSON.stringify(err)).not.toContain('SECRETsecret');
  });

  it('redacts a configured key that does not look like an OpenAI key', async () => {
    const key = 'gateway-token-abcdef123';
    const client = createOpenAIProvider({ name: 'gw', baseURL: fakeUrl(), apiKey: key });
    const err = await failure(client.complete(request(uniqueModel('fake-unauthorized'))));
    expect(err.code).toBe('provider_auth');
    expect(err.message).toContain('Incorrect API key provided: ***');
    expect(err.message).not.toContain(key);
  });

  it('reports a malformed body as provider_bad_response once retries run out', async () => {
    const model = uniqueModel('fake-malformed');
    const err = await failure(provider().complete(request(model)));
    expect(err.code).toBe('provider_bad_response');
    expect(await received(model)).toHaveLength(3);
  });

  it('reports an answer without choices as provider_bad_response', async () => {
    const model = uniqueModel();
    await script(model, [{ kind: 'no_choices' }, { kind: 'no_choices' }, { kind: 'no_choices' }]);
    const err = await failure(provider().complete(request(model)));
    expect(err.code).toBe('provider_bad_response');
    expect(err.message).toContain('no choices');
  });

  it('reports a stream cut midway as provider_bad_response and does not repeat tokens already sent', async () => {
    const model = uniqueModel();
    await script(model, [{ kind: 'cut_stream', afterChunks: 2 }]);
    const tokens: string[] = [];
    const err = await failure(provider().complete(request(model, { onToken: (t) => tokens.push(t) })));
    expect(err.code).toBe('provider_bad_response');
    expect(err).toMatchObject({ retryable: false });
    expect(tokens).toEqual(['fake ', 'answer ']);
    expect(await received(model)).toHaveLength(1);
  });

  it('retries a stream cut before any token arrived', async () => {
    const model = uniqueModel();
    await script(model, [{ kind: 'cut_stream', afterChunks: 0 }]);
    const tokens: string[] = [];
    const res = await provider().complete(request(model, { onToken: (t) => tokens.push(t) }));
    expect(res.attempts).toBe(2);
    expect(tokens.join('')).toBe(res.text);
  });

  it('reports a garbled stream chunk as provider_bad_response', async () => {
    const model = uniqueModel('fake-malformed');
    const err = await failure(provider().complete(request(model, { onToken: () => {} })));
    expect(err.code).toBe('provider_bad_response');
  });

  it('classifies an unreachable server as provider_error after retries', async () => {
    const client = createOpenAIProvider({ name: 'down', baseURL: 'http://127.0.0.1:9/v1', retry: { baseDelayMs: 1, maxDelayMs: 2 } });
    const err = await failure(client.complete(request('any')));
    expect(err).toMatchObject({ code: 'provider_error', retryable: true });
  });
});

describe('redactSecrets', () => {
  it('hides configured keys, sk- keys and bearer tokens', () => {
    const text = 'key my-own-secret-value, sk-abcdef123456 and Authorization: Bearer tok_123';
    expect(redactSecrets(text, ['my-own-secret-value'])).toBe('key ***, sk-*** and Authorization: Bearer ***');
  });
});
