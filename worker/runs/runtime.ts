// Per-isolate runtime pieces for runs: one LLM client per provider configuration (not one per
// request, so SDK clients and connections are reused) and run limits from env.
import { defaultLimits, type LlmClient, type RunLimits } from '../engine/types';
import type { Bindings } from '../http/env';
import { createLlmClient, providerConfigFromEnv, type ProviderConfig } from '../providers';

let cached: { key: string; config: ProviderConfig; client: LlmClient } | undefined;

function configKey(env: Bindings): string {
  // Everything providerConfigFromEnv may read: PROVIDERS plus any secret it names via apiKeyVar.
  return JSON.stringify(
    Object.entries(env)
      .filter(([, v]) => typeof v === 'string')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

export function providerRuntime(env: Bindings): { config: ProviderConfig; client: LlmClient } {
  const key = configKey(env);
  if (cached?.key !== key) {
    const config = providerConfigFromEnv(env);
    cached = { key, config, client: createLlmClient(config) };
  }
  return cached;
}

const positive = (value: unknown, fallback: number): number => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export function limitsFromEnv(env: Bindings): Partial<RunLimits> & { maxNodes: number } {
  return {
    deadlineMs: positive(env.RUN_DEADLINE_MS, defaultLimits.deadlineMs),
    nodeTimeoutMs: positive(env.NODE_TIMEOUT_MS, defaultLimits.nodeTimeoutMs),
    maxNodes: Math.floor(positive(env.MAX_NODES, defaultLimits.maxNodes)),
  };
}
