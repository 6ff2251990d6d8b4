// The Workers Rate Limiting bindings of wrangler.toml under a real `wrangler dev`: anonymous
// callers from one address are held at the configured limit with 429 and Retry-After, on the edge
// URL and (in OpenAI's error shape) on /v1/chat/completions; the admin token is not limited.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWeir, type Weir } from './harness';

let weir: Weir;
beforeAll(async () => {
  weir = await startWeir();
});
afterAll(async () => {
  await weir?.stop();
});

/** 2 * limit + 2 requests always fill one wall-clock window, whatever rolls over in between. */
async function untilLimited(limit: number, send: () => Promise<Response>): Promise<{ res: Response; sent: number }> {
  for (let i = 0; i < 2 * limit + 2; i++) {
    const res = await send();
    if (res.status === 429) return { res, sent: i + 1 };
    expect(res.status).toBeLessThan(500);
    await res.body?.cancel();
  }
  throw new Error('never limited');
}

describe('rate limits under wrangler dev', () => {
  test('an anonymous caller past 120 runs a minute gets 429 with Retry-After on both run routes; the admin does not', async () => {
    const run = () =>
      fetch(`${weir.url}/v1/flows/email-announcement/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input: { audience: 'Existing customers', tone: 'friendly', cta: 'Try it' } }),
      });
    const { res, sent } = await untilLimited(120, run);
    expect(sent).toBeGreaterThan(120);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });

    const chatSend = () =>
      fetch(`${weir.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'flow:email-announcement', messages: [{ role: 'user', content: 'hi' }] }),
      });
    // Usually the first chat request is already over the limit; a window rollover costs at most one more round.
    const { res: chat } = await untilLimited(120, chatSend);
    expect(chat.headers.get('retry-after')).toBe('60');
    expect(await chat.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' } });

    const admin = await fetch(`${weir.url}/v1/flows/email-announcement/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${weir.adminToken}` },
      body: JSON.stringify({ input: { audience: 'Existing customers', tone: 'friendly', cta: 'Try it' } }),
    });
    expect(admin.status).toBe(200);
  });
});
