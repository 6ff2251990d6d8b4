// Retrying model calls: 429 with Retry-After, 5xx, bad bodies, the retry budget, and the
// request's signal as a hard bound on every wait.
import { describe, expect, it } from 'vitest';
import { LlmError, WeirError } from '../../../worker/engine/errors';
import { parseRetryAfter } from '../../../worker/providers/classify';
import { createOpenAIProvider } from '../../../worker/providers/openai';
import { backoffDelay, defaultRetry, sleep, withRetry, type RetryOptions } from '../../../worker/providers/retry';
import { failure, fakeUrl, received, request, script, uniqueModel } from './fake-control';

const provider = (retry: Partial<RetryOptions> = {}) =>
  createOpenAIProvider({
    name: 'default',
    baseURL: fakeUrl(),
    apiKey: 'sk-test-key-123456',
    retry: { baseDelayMs: 1, maxDelayMs: 5, ...retry },
  });

describe('retrying against the fake server', () => {
  it('waits the Retry-After a 429 asks for, then succeeds on the next attempt', async () => {
    const model = uniqueModel();
    await script(model, [{ kind: 'rate_limit', retryAfterMs: 60 }]);
    const res = await provider().complete(request(model));
    expect(res.attempts).toBe(2);
    const seen = await received(model);
    expect(seen).toHaveLength(2);
    // Backoff alone would wait at most 5 ms here; the gap shows the Retry-After was honoured.
    expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(50);
  });

  it('honours a Retry-After given in whole seconds', async () => {
    const model = uniqueModel();
    await script(model, [{ kind: 'rate_limit', retryAfter: '1' }]);
    const res = await provider().complete(request(model));
    expect(res.attempts).toBe(2);
    const seen = await received(model);
    expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(900);
  });

  it('retries a 500 and reports how many attempts the call took', async () => {
    const model = uniqueModel();
    await script(model, [{ kind: 'server_error' }, { kind: 'server_error', status: 503 }]);
    const res = await provider().complete(request(model));
    expect(res.attempts).toBe(3);
    expect(await received(model)).toHaveLength(3);
  });

  it('gives up as provider_error after the configured number of attempts', async () => {
    const model = uniqueModel('fake-server-error');
    const err = await failure(provider({ attempts: 4 }).complete(request(model)));
    expect(err).toBeInstanceOf(LlmError);
    expect(err.code).toBe('provider_error');
    expect(err.message).toContain('gave up after 4 attempts');
    expect(await received(model)).toHaveLength(4);
  });

  it('gives up as provider_rate_limited when 429s outlast the attempts', async () => {
    const model = uniqueModel('fake-rate-limited');
    const err = await failure(provider().complete(request(model)));
    expect(err.code).toBe('provider_rate_limited');
    expect(err.status).toBe(429);
    expect(await received(model)).toHaveLength(3);
  });

  it('fails at once as rate limited when Retry-After exceeds the retry budget', async () => {
    const model = uniqueModel();
    await script(model, [{ kind: 'rate_limit', retryAfter: '120' }]);
    const started = Date.now();
    const err = await failure(provider().complete(request(model)));
    expect(err.code).toBe('provider_rate_limited');
    expect(err.retryAfterMs).toBe(120_000);
    expect(err.message).toContain('more than the retry budget allows');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await received(model)).toHaveLength(1);
  });

  it('stops sleeping between retries when the deadline passes and reports a timeout', async () => {
    const model = uniqueModel('fake-server-error');
    const client = provider({ baseDelayMs: 5000, maxDelayMs: 5000, random: () => 0.99 });
    const started = Date.now();
    const err = await failure(client.complete(request(model, { signal: AbortSignal.timeout(150) })));
    expect(err.code).toBe('provider_timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await received(model)).toHaveLength(1);
  });

  it('aborts a slow request at the deadline as provider_timeout', async () => {
    const model = uniqueModel('fake-slow-3000');
    const started = Date.now();
    const err = await failure(provider().complete(request(model, { signal: AbortSignal.timeout(100) })));
    expect(err.code).toBe('provider_timeout');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('rethrows the WeirError a cancelled run aborted with, instead of a timeout', async () => {
    const model = uniqueModel('fake-server-error');
    const controller = new AbortController();
    const cancelled = new WeirError('cancelled', 'the client went away');
    setTimeout(() => controller.abort(cancelled), 50);
    const client = provider({ baseDelayMs: 5000, maxDelayMs: 5000, random: () => 0.99 });
    await expect(client.complete(request(model, { signal: controller.signal }))).rejects.toBe(cancelled);
  });

  it('retries a malformed body and succeeds when the next answer is well formed', async () => {
    const model = uniqueModel();
    await script(model, [{ kind: 'malformed' }]);
    const res = await provider().complete(request(model));
    expect(res.attempts).toBe(2);
    expect(res.text).toContain('fake answer from');
  });
});

describe('retry building blocks', () => {
  it('reads Retry-After as milliseconds, seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '120' }), now)).toBe(120);
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });

  it('draws full-jitter backoff below an exponentially growing, capped ceiling', () => {
    const top = { ...defaultRetry, random: () => 0.999999 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, top))).toEqual([249, 499, 999, 1999, 3999, 3999]);
    expect(backoffDelay(3, { ...defaultRetry, random: () => 0 })).toBe(0);
  });

  it('defaults to three attempts, 250 ms base and a 4 s cap', () => {
    expect(defaultRetry).toMatchObject({ attempts: 3, baseDelayMs: 250, maxDelayMs: 4000 });
  });

  it('does not retry errors that are not marked retryable', async () => {
    let calls = 0;
    const fatal = new LlmError('provider_bad_request', 'no', { retryable: false });
    await expect(withRetry(async () => (calls++, Promise.reject(fatal)), AbortSignal.timeout(1000))).rejects.toBe(fatal);
    expect(calls).toBe(1);
  });

  it('ends a sleep as soon as its signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    const err = await failure(sleep(10_000, controller.signal));
    expect((err as { code?: string }).code).toBe('provider_timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
