// Issue 8 §2: fifty concurrent writes of each kind, in process (app.request inside workerd), lose
// nothing: every 2xx is in D1's listings and in the KV projection runs read. The same scenarios
// run over a real `wrangler dev` in test/e2e/concurrent-writes.test.ts.
import { describe, expect, it } from 'vitest';
import { scenarios, type Api } from '../../helpers/concurrent-writes';
import { ADMIN, INVOKE, call } from './helpers';

const api: Api = async (method, path, opts = {}) => {
  const token = opts.token === 'none' ? undefined : opts.token === 'invoke' ? INVOKE : ADMIN;
  const res = await call(path, { method, token, json: opts.json });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
};

describe('fifty concurrent writes of each kind, inside workerd', () => {
  for (const [kind, scenario] of scenarios)
    it(`loses none of 50 concurrent ${kind}`, { timeout: 180_000 }, async () => {
      const outcome = await scenario(api, `cw-${kind.replace(/ /g, '-')}`);
      console.log(
        `concurrent writes that lost data (workerd), ${kind}: ${outcome.lost} of ${outcome.attempts} (${outcome.acknowledged} acknowledged)`,
      );
      expect(outcome.problems).toEqual([]);
      expect(outcome.lost).toBe(0);
      expect(outcome.acknowledged).toBeGreaterThan(0);
    });
});
