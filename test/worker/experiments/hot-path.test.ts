import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { forgetLive } from '../../../worker/experiments/live';
import { isolateFlowCache } from '../../../worker/store/flow-resolve';
import { admin, call, INVOKE } from '../routes/helpers';
import { evenSplit, runAs } from './helpers';

/** The test KV, recording the key of every read. */
function recordingKv(): { kv: KVNamespace; keys: string[] } {
  const keys: string[] = [];
  const inner = env.WEIR_KV;
  const kv = new Proxy(inner, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (prop === 'get') keys.push(String(args[0]));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { kv, keys };
}

const ask = (kv: KVNamespace, subject: string) =>
  call('/v1/flows/hot-flow/run', {
    method: 'POST',
    token: INVOKE,
    headers: { 'weir-subject': subject },
    json: { input: { question: 'q' } },
    env: { WEIR_KV: kv },
  });

describe('the run path of an experiment', () => {
  it('reads the experiment from KV once, then serves from the isolate with no KV read at all', async () => {
    await evenSplit('hot', 'hot-flow');
    isolateFlowCache.clear();
    const { kv, keys } = recordingKv();
    const first = await ask(kv, 'u0');
    expect(first.status).toBe(200);
    expect(keys.filter((k) => k === 'experiment:hot-flow')).toHaveLength(1);
    // Warm both arms' versions, then count again.
    for (let i = 1; i < 8; i++) await ask(kv, `u${i}`);
    keys.length = 0;
    for (let i = 8; i < 16; i++) expect((await ask(kv, `u${i}`)).headers.get('weir-experiment')).toBe('hot');
    expect(keys).toEqual([]);
  });

  it('leaves a request on the default when its arm can no longer run (a retired version)', async () => {
    await evenSplit('retire', 'retire-flow');
    expect((await admin('/v1/flows/retire-flow/versions/2/retire', { method: 'POST' })).status).toBe(200);
    isolateFlowCache.clear();
    forgetLive();
    const arms = new Set<string | null>();
    for (let i = 0; i < 12; i++) {
      const { res, body, arm } = await runAs('retire-flow', `s${i}`);
      expect(res.status).toBe(200);
      expect(body.flow.version).toBe(1);
      arms.add(arm);
    }
    // Subjects of the retired arm got the default without an experiment; the others stayed in arm v1.
    expect(arms).toEqual(new Set([null, 'v1']));
  });
});
