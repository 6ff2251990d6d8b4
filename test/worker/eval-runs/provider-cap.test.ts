// The per-provider cap on an eval run's model calls: never more calls in flight to one provider
// than its cap, other providers not held up by it, and the setting's two spellings.
import { describe, expect, it } from 'vitest';
import type { LlmClient, LlmRequest } from '../../../worker/engine/types';
import { cappedLlm, DEFAULT_PROVIDER_CONCURRENCY, providerCaps } from '../../../worker/eval-runs/provider-cap';

function countingClient() {
  const active = new Map<string, number>();
  const peak = new Map<string, number>();
  const release: (() => void)[] = [];
  const client: LlmClient = {
    complete: async (req: LlmRequest) => {
      active.set(req.provider, (active.get(req.provider) ?? 0) + 1);
      peak.set(req.provider, Math.max(peak.get(req.provider) ?? 0, active.get(req.provider)!));
      await new Promise<void>((r) => release.push(r));
      active.set(req.provider, active.get(req.provider)! - 1);
      return { text: 'ok', model: req.model, provider: req.provider, usage: { inputTokens: 1, outputTokens: 1 }, attempts: 1 };
    },
  };
  return { client, peak, active, release };
}

const request = (provider: string): LlmRequest => ({ provider, model: 'm', messages: [{ role: 'user', content: 'hi' }] }) as LlmRequest;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the per-provider cap', () => {
  it('keeps at most the cap in flight per provider and lets another provider through', async () => {
    const fake = countingClient();
    const llm = cappedLlm(fake.client, providerCaps('cap-a=2,cap-b=5'));
    const calls = [
      ...Array.from({ length: 6 }, () => llm.complete(request('cap-a'))),
      ...Array.from({ length: 3 }, () => llm.complete(request('cap-b'))),
    ];
    await tick();
    expect(fake.active.get('cap-a')).toBe(2);
    expect(fake.active.get('cap-b')).toBe(3);
    while (fake.release.length) {
      fake.release.shift()!();
      await tick();
      await tick();
    }
    await Promise.all(calls);
    expect(fake.peak.get('cap-a')).toBe(2);
    expect(fake.active.get('cap-a')).toBe(0);
  });

  it('reads one number for every provider, names with numbers, and falls back to the default', () => {
    expect(providerCaps('3')('anything')).toBe(3);
    const caps = providerCaps('openai=4, *=6');
    expect([caps('openai'), caps('other')]).toEqual([4, 6]);
    expect(providerCaps(undefined)('openai')).toBe(DEFAULT_PROVIDER_CONCURRENCY);
    expect(providerCaps('nonsense=-1')('x')).toBe(DEFAULT_PROVIDER_CONCURRENCY);
  });
});
