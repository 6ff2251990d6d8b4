// Rate limits on the run routes through the real Workers Rate Limiting bindings of wrangler.toml
// (miniflare's implementation): per invoke key, per client address and per flow for callers
// without a key; 429 with Retry-After, in OpenAI's shape on /v1/chat/completions. The suite runs
// with RATE_LIMITS=off; these tests turn the limits on per request.
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../worker/http/rate-limit';
import { ADMIN, INVOKE, call, putFlow, simpleFlow } from './helpers';

const on = { RATE_LIMITS: 'on' };
const tag = () => Math.random().toString(36).slice(2, 10);
const ipOf = (n: number) => `198.51.${(n >> 8) & 255}.${n & 255}`;
/** Bursts of up to 2,402 requests: generous on a shared, busy machine. */
const BURST_TIMEOUT_MS = 120_000;

/** Sends requests until one answers 429; the limiter's windows are wall-clock aligned, so at most
 * one rollover can reset the count: 2 * limit + 2 requests always reach a full window. */
async function untilLimited(limit: number, send: (i: number) => Promise<Response>): Promise<{ res: Response; sent: number }> {
  for (let i = 0; i < 2 * limit + 2; i++) {
    const res = await send(i);
    if (res.status === 429) return { res, sent: i + 1 };
    expect(res.status).not.toBe(500);
    await res.body?.cancel();
  }
  throw new Error(`no 429 after ${2 * limit + 2} requests`);
}

describe('rate limits on POST /v1/flows/:id/run', { timeout: BURST_TIMEOUT_MS }, () => {
  it('limits an anonymous address: 429 with Retry-After and a JSON error, while other addresses still get through', async () => {
    const ip = ipOf(Math.floor(Math.random() * 65536));
    const ghost = `ghost-${tag()}`;
    const send = () =>
      call(`/v1/flows/${ghost}/run`, { method: 'POST', json: { input: {} }, headers: { 'cf-connecting-ip': ip }, env: on });
    const { res, sent } = await untilLimited(120, send);
    expect(sent).toBeGreaterThan(120);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    const other = await call(`/v1/flows/${ghost}/run`, {
      method: 'POST',
      json: { input: {} },
      headers: { 'cf-connecting-ip': '192.0.2.77' },
      env: on,
    });
    expect(other.status).toBe(401);
    // The admin token is never limited, from the same address.
    const admin = await call(`/v1/flows/${ghost}/run`, {
      method: 'POST',
      token: ADMIN,
      json: { input: {} },
      headers: { 'cf-connecting-ip': ip },
      env: on,
    });
    expect(admin.status).toBe(404);
  });

  it('limits a public flow for all anonymous callers together, so many addresses cannot spend without bound', async () => {
    const id = `public-${tag()}`;
    await putFlow(simpleFlow(id, { public: true }));
    const base = Math.floor(Math.random() * 30000);
    const send = (i: number) =>
      call(`/v1/flows/${id}/run`, { method: 'POST', json: { input: {} }, headers: { 'cf-connecting-ip': ipOf(base + i) }, env: on });
    const { res, sent } = await untilLimited(600, send);
    expect(sent).toBeGreaterThan(600);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(id);
    // Callers with an invoke key are not held back by anonymous traffic.
    const keyed = await call(`/v1/flows/${id}/run`, { method: 'POST', token: INVOKE, json: { input: { question: 'still?' } }, env: on });
    expect(keyed.status).toBe(200);
  });

  it('limits each invoke key on its own', async () => {
    const key = `rl-key-${tag()}`;
    const env = { ...on, INVOKE_KEYS: `${INVOKE},${key}` };
    const send = () => call(`/v1/flows/ghost-${tag()}/run`, { method: 'POST', token: key, json: { input: {} }, env });
    const { res, sent } = await untilLimited(1200, send);
    expect(sent).toBeGreaterThan(1200);
    expect(res.headers.get('retry-after')).toBe('60');
    const other = await call(`/v1/flows/ghost-${tag()}/run`, { method: 'POST', token: INVOKE, json: { input: {} }, env });
    expect(other.status).toBe(404);
  });

  it('answers 429 before streaming when an SSE run is over the limit', async () => {
    const ip = ipOf(40000 + Math.floor(Math.random() * 20000));
    const send = () =>
      call(`/v1/flows/ghost-${tag()}/run`, {
        method: 'POST',
        json: { input: {} },
        headers: { 'cf-connecting-ip': ip, accept: 'text/event-stream' },
        env: on,
      });
    const { res } = await untilLimited(120, send);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('does nothing when RATE_LIMITS is "off"', async () => {
    const ip = ipOf(60000 + Math.floor(Math.random() * 5000));
    for (let i = 0; i < 130; i++) {
      const res = await call(`/v1/flows/ghost-${tag()}/run`, { method: 'POST', json: { input: {} }, headers: { 'cf-connecting-ip': ip } });
      expect(res.status).toBe(401);
    }
  });
});

describe('rate limits on POST /v1/chat/completions', { timeout: BURST_TIMEOUT_MS }, () => {
  it('answers 429 in OpenAI error shape with Retry-After', async () => {
    const ip = `2001:db8:${tag()
      .slice(0, 4)
      .replace(/[^0-9a-f]/g, 'a')}:1::5`;
    const send = (i: number) =>
      call('/v1/chat/completions', {
        method: 'POST',
        json: { model: `flow:ghost-${tag()}`, messages: [{ role: 'user', content: 'hi' }] },
        // Every request from another address in the same /64: counted together.
        headers: { 'cf-connecting-ip': ip.replace(/::5$/, `::${(i + 1).toString(16)}`) },
        env: on,
      });
    const { res } = await untilLimited(120, send);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await res.json()).toEqual({
      error: {
        message: expect.stringContaining('rate limit') as string,
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
        param: null,
      },
    });
  });
});

describe('clientAddress', () => {
  it('counts IPv4 clients by address and IPv6 clients by their /64', () => {
    expect(clientAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddress('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:0db8:0001:0002::9')).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddress('::1')).toBe('0:0:0:0::/64');
    expect(clientAddress(undefined)).toBe('unknown');
  });
});
