// Issue 8 §2 over a real `wrangler dev` (local D1 and KV, real HTTP): fifty concurrent writes of
// each kind lose nothing, and a deleted flow runs nowhere. Same scenarios as the workerd suite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios, type Api } from '../helpers/concurrent-writes';
import { startWeir, type Weir } from './harness';

let server: Weir;
beforeAll(async () => {
  server = await startWeir();
});
afterAll(async () => {
  await server?.stop();
});

const api: Api = async (method, path, opts = {}) => {
  const token = opts.token === 'none' ? undefined : opts.token === 'invoke' ? server.invokeKey : server.adminToken;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.url + path, { method, headers, body: opts.json === undefined ? undefined : JSON.stringify(opts.json) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
};

describe('fifty concurrent writes of each kind, over wrangler dev', () => {
  for (const [kind, scenario] of scenarios)
    it(`loses none of 50 concurrent ${kind}`, async () => {
      const outcome = await scenario(api, `e2e-${kind.replace(/ /g, '-')}`);
      console.log(
        `concurrent writes that lost data (wrangler dev), ${kind}: ${outcome.lost} of ${outcome.attempts} (${outcome.acknowledged} acknowledged)`,
      );
      expect(outcome.problems).toEqual([]);
      expect(outcome.lost).toBe(0);
      expect(outcome.acknowledged).toBeGreaterThan(0);
    });
});
