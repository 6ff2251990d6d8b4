// A concurrency cap per provider for eval runs: an LlmClient wrapper that lets at most N calls to
// one provider be in flight at a time across the eval runs of an isolate, however many runs their
// pools have started.
// EVAL_PROVIDER_CONCURRENCY is `8` (every provider) or `default=8,openai=4` (per provider name).
import type { LlmClient, LlmRequest, LlmResponse } from '../engine/types';

export const DEFAULT_PROVIDER_CONCURRENCY = 8;

export function providerCaps(setting: string | undefined): (provider: string) => number {
  const fallback = Number(setting);
  if (setting && Number.isInteger(fallback) && fallback > 0) return () => fallback;
  const caps = new Map<string, number>();
  for (const part of (setting ?? '').split(',')) {
    const [name, value] = part.split('=').map((s) => s.trim());
    const n = Number(value);
    if (name && Number.isInteger(n) && n > 0) caps.set(name, n);
  }
  const base = caps.get('*') ?? DEFAULT_PROVIDER_CONCURRENCY;
  return (provider) => caps.get(provider) ?? base;
}

class Gate {
  private active = 0;
  private waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** One gate per provider and limit, shared by the eval runs of this isolate. */
const gates = new Map<string, Gate>();

export function cappedLlm(llm: LlmClient, capOf: (provider: string) => number): LlmClient {
  const gate = (provider: string) => {
    const limit = capOf(provider);
    const key = `${provider}\u0000${limit}`;
    let g = gates.get(key);
    if (!g) gates.set(key, (g = new Gate(limit)));
    return g;
  };
  return { complete: (req: LlmRequest): Promise<LlmResponse> => gate(req.provider).run(() => llm.complete(req)) };
}
