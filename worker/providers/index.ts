// LLM providers behind the engine's one LlmClient interface: picks the configured provider by
// the request's name, builds each client once, and keeps configuration problems typed.
import { LlmError } from '../engine/errors';
import type { LlmClient } from '../engine/types';
import type { ProviderConfig, ProviderSpec } from './config';
import { createEchoProvider } from './echo';
import { createOpenAIProvider } from './openai';
import type { RetryOptions } from './retry';

export { describeProviders, providerConfigFromEnv, ProviderConfigError, OPENAI_BASE_URL } from './config';
export type { ProviderConfig, ProviderSpec, OpenAIProviderSpec, EchoProviderSpec } from './config';
export { createEchoProvider } from './echo';
export { createOpenAIProvider } from './openai';
export { withRetry, defaultRetry, type RetryOptions } from './retry';
export { redactSecrets } from './redact';

export interface LlmClientOptions {
  /** Overrides every provider's retry settings (tests use tiny delays). */
  retry?: Partial<RetryOptions>;
  /** The fetch the OpenAI SDK uses; the global one by default. */
  fetch?: typeof fetch;
}

function build(name: string, spec: ProviderSpec, opts: LlmClientOptions): LlmClient {
  if (spec.type === 'echo') return createEchoProvider({ name });
  if (spec.apiKeyVar && !spec.apiKey) {
    const error = new LlmError('provider_auth', `provider '${name}': the secret ${spec.apiKeyVar} named by apiKeyVar is not set`);
    return { complete: () => Promise.reject(error) };
  }
  return createOpenAIProvider({
    name,
    baseURL: spec.baseURL,
    apiKey: spec.apiKey,
    maxTokensField: spec.maxTokensField,
    maxAnswerBytes: spec.maxAnswerBytes,
    retry: { ...spec.retry, ...opts.retry },
    fetch: opts.fetch,
  });
}

/** One client for every configured provider; `req.provider` picks which ("default" if empty). */
export function createLlmClient(config: ProviderConfig, opts: LlmClientOptions = {}): LlmClient {
  const clients = new Map<string, LlmClient>();
  const specs: Record<string, ProviderSpec> = { echo: { type: 'echo' }, ...config.providers };
  return {
    complete(req) {
      const name = req.provider || 'default';
      const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
      if (!spec) {
        // No list of the configured names: run answers reach invoke-key and anonymous callers.
        // The admin sees them in GET /v1/health.
        const message = `no provider named '${name.slice(0, 64)}' is configured (GET /v1/health with the admin token lists them)`;
        return Promise.reject(new LlmError('provider_unknown', message));
      }
      let client = clients.get(name);
      if (!client) clients.set(name, (client = build(name, spec, opts)));
      return client.complete({ ...req, provider: name });
    },
  };
}
