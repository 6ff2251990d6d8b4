// Which trainers exist, read from TRAINERS (JSON, like PROVIDERS): named, typed, each naming the
// secret that holds its key. Unset means no trainers: fine-tuning answers 503 until one is set.
import * as z from 'zod';
import { createFireworksTrainer } from './fireworks-trainer';
import { createOpenAITrainer } from './openai-trainer';
import { createTogetherTrainer } from './together-trainer';
import type { Trainer } from './trainer';

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'trainer names use letters, digits, "-" and "_"');
const keyVar = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'apiKeyVar names an environment variable');
const url = z.url({ protocol: /^https?$/, error: 'baseURL must be an http(s) URL' });
const price = z.strictObject({
  /** US dollars per million training tokens (tokens × epochs). */
  trainingPerMTok: z.number().min(0).optional(),
  inputPerMTok: z.number().min(0).optional(),
  cachedInputPerMTok: z.number().min(0).optional(),
  outputPerMTok: z.number().min(0).optional(),
  hostingPerHour: z.number().min(0).optional(),
  /** When the base model (and every tune of it) stops working, YYYY-MM-DD. */
  retires: z.iso.date().optional(),
});
export type TrainerPrice = z.infer<typeof price>;

const common = {
  apiKeyVar: keyVar.optional(),
  /** The PROVIDERS entry that serves this trainer's tuned models (recorded in the registry). */
  provider: name.optional(),
  /** How often the follow-job Workflow polls, in seconds (default 60). */
  pollSeconds: z.number().min(1).max(3600).optional(),
  /** Per base model; overrides the built-in table. */
  prices: z.record(z.string(), price).optional(),
};

const specSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('openai'), baseURL: url, apiVersion: z.string().min(1).optional(), ...common }),
  z.strictObject({ type: z.literal('together'), baseURL: url, trainingType: z.enum(['lora', 'full']).optional(), ...common }),
  z.strictObject({ type: z.literal('fireworks'), baseURL: url, accountId: z.string().regex(/^[a-z0-9-]+$/), ...common }),
]);
export type TrainerSpec = z.infer<typeof specSchema> & { apiKey?: string };

export class TrainerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainerConfigError';
  }
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** Parses TRAINERS; throws TrainerConfigError naming the field when it is unusable. */
export function trainerSpecsFromEnv(env: Record<string, unknown>): Record<string, TrainerSpec> {
  const raw = text(env.TRAINERS);
  if (!raw) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new TrainerConfigError('TRAINERS is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TrainerConfigError('TRAINERS must be a JSON object of name -> {type, baseURL, apiKeyVar}');
  const out: Record<string, TrainerSpec> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (!name.safeParse(key).success) throw new TrainerConfigError(`TRAINERS.${key}: trainer names use letters, digits, "-" and "_"`);
    if (typeof entry === 'object' && entry !== null && 'apiKey' in entry)
      throw new TrainerConfigError(
        `TRAINERS.${key}.apiKey: inline API keys are not allowed; store the key as a secret and name it with "apiKeyVar"`,
      );
    const parsed = specSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TrainerConfigError(
        `TRAINERS.${key}${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid trainer'}`,
      );
    }
    out[key] = { ...parsed.data, ...(parsed.data.apiKeyVar ? { apiKey: text(env[parsed.data.apiKeyVar]) } : {}) };
  }
  return out;
}

export function createTrainer(trainerName: string, spec: TrainerSpec, fetchImpl?: typeof fetch): Trainer {
  const base = { name: trainerName, baseURL: spec.baseURL, apiKey: spec.apiKey, fetch: fetchImpl };
  switch (spec.type) {
    case 'openai':
      return createOpenAITrainer({ ...base, apiVersion: spec.apiVersion });
    case 'together':
      return createTogetherTrainer({ ...base, trainingType: spec.trainingType });
    case 'fireworks':
      return createFireworksTrainer({ ...base, accountId: spec.accountId });
  }
}

/** The trainers without secrets, for listings. */
export const describeTrainers = (specs: Record<string, TrainerSpec>) =>
  Object.entries(specs).map(([n, s]) => ({ name: n, type: s.type, baseURL: s.baseURL, ...(s.provider ? { provider: s.provider } : {}) }));
