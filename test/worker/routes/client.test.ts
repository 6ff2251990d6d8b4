import { env } from 'cloudflare:test';
import { hc } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { app, type AppType } from '../../../worker/index';
import { ADMIN } from './helpers';

// The typed client the editor can use: requests go straight into the app with the test bindings.
const client = hc<AppType>('http://weir.test', {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => app.request(input instanceof Request ? input : String(input), init, env),
  headers: { authorization: `Bearer ${ADMIN}` },
});

describe('the typed client (hc<AppType>)', () => {
  it('reads health and lists flows with typed answers', async () => {
    const health = await (await client.v1.health.$get()).json();
    expect(health.ok).toBe(true);
    const res = await client.v1.flows.$get();
    expect(res.status).toBe(200);
    expect(Array.isArray((await res.json()).flows)).toBe(true);
  });
});
