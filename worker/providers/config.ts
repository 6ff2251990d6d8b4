// Which providers exist and how to reach them, read from the worker's environment: PROVIDERS
// (JSON), or OPENAI_API_KEY (+ OPENAI_BASE_URL), or nothing, in which case "default" is echo.
import * as z from 'zod';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

const retrySpec = z.strictObject({
  attempts: z.number().int().min(1).max(10).optional(),
  baseDelayMs: z.number().min(0).optional(),
  maxDelayMs: z.number().min(0).optional(),
  budgetMs: z.number().min(0).optional(),
});

const providerName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'provider names use letters, digits, "-" and "_"');

const providerSpecInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('echo') }),
  z.strictObject({
    type: z.literal('openai'),
    baseURL: z.url({ protocol: /^https?$/, error: 'baseURL must be an http(s) URL' }),
    apiKeyVar: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'apiKeyVar names an environment variable')
      .optional(),
    maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']).optional(),
    /** Past this many bytes an answer fails as provider_bad_response (default 16 MiB). */
    maxAnswerBytes: z
      .number()
      .int()
      .min(1024)
      .max(128 * 1024 * 1024)
      .optional(),
    retry: retrySpec.optional(),
  }),
]);

export type EchoProviderSpec = { type: 'echo' };
export type OpenAIProviderSpec = z.infer<typeof providerSpecInput> & { type: 'openai' } & {
  /** Read from the variable apiKeyVar names. Secret: never log or return it. */
  apiKey?: string;
};
export type ProviderSpec = EchoProviderSpec | OpenAIProviderSpec;
export interface ProviderConfig {
  providers: Record<string, ProviderSpec>;
}

/** PROVIDERS (or the OpenAI variables) cannot be used as they are. The message names the field. */
export class ProviderConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderConfigError';
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function parseProviders(raw: unknown, env: Record<string, unknown>): Record<string, ProviderSpec> {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ProviderConfigError('PROVIDERS is not valid JSON');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProviderConfigError('PROVIDERS must be a JSON object of name -> {type, baseURL, apiKeyVar}');
  }
  const out: Record<string, ProviderSpec> = {};
  for (const [name, entry] of Object.entries(value)) {
    const where = `PROVIDERS.${name}`;
    if (!providerName.safeParse(name).success) throw new ProviderConfigError(`${where}: provider names use letters, digits, "-" and "_"`);
    if (typeof entry === 'object' && entry !== null && 'apiKey' in entry) {
      throw new ProviderConfigError(
        `${where}.apiKey: inline API keys are not allowed; store the key as a secret and name it with "apiKeyVar"`,
      );
    }
    const parsed = providerSpecInput.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.length ? `.${issue.path.join('.')}` : '';
      throw new ProviderConfigError(`${where}${path}: ${issue?.message ?? 'invalid provider'}`);
    }
    if (name === 'echo' && parsed.data.type !== 'echo')
      throw new ProviderConfigError(`${where}: the name "echo" is reserved for the echo provider`);
    const spec: ProviderSpec = parsed.data;
    if (spec.type === 'openai' && spec.apiKeyVar) spec.apiKey = text(env[spec.apiKeyVar]);
    out[name] = spec;
  }
  return out;
}

/** Reads the provider configuration; throws ProviderConfigError when PROVIDERS is unusable. */
export function providerConfigFromEnv(env: Record<string, unknown>): ProviderConfig {
  const raw = env.PROVIDERS;
  const providers = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') ? {} : parseProviders(raw, env);
  if (!providers.default) {
    const apiKey = text(env.OPENAI_API_KEY);
    providers.default = apiKey
      ? { type: 'openai', baseURL: text(env.OPENAI_BASE_URL) ?? OPENAI_BASE_URL, apiKeyVar: 'OPENAI_API_KEY', apiKey }
      : { type: 'echo' };
  }
  providers.echo ??= { type: 'echo' };
  return { providers };
}

/** The providers without secrets, for /v1/health. */
export function describeProviders(config: ProviderConfig): { name: string; type: ProviderSpec['type']; baseURL?: string }[] {
  const entries = Object.entries(config.providers);
  if (!config.providers.echo) entries.push(['echo', { type: 'echo' }]);
  return entries.map(([name, spec]) =>
    spec.type === 'openai' ? { name, type: spec.type, baseURL: spec.baseURL } : { name, type: spec.type },
  );
}
