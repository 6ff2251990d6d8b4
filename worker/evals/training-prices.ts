// Training prices, hosting and retirement dates that @pydantic/genai-prices does not carry, per
// base model, each with its source and the date it was read. A small table on purpose: the eval
// file's `prices` section overrides or extends it, and the run-cost price table (issue 7) can
// take it over behind the same PriceBook interface.

export interface TrainingPrice {
  /** US dollars per million training tokens (tokens × epochs are billed). */
  perMTok: number;
  /** Dedicated hosting of the tuned model, US dollars per hour; 0 when billed per token only. */
  hostingPerHour: number | null;
  /** ISO date the base model (and so the tune) stops working, when announced. */
  retires?: string;
  source: string;
  /** When the price was read from the source. */
  asOf: string;
}

const OPENAI = 'https://openai.com/api/pricing (fine-tuning section)';
const TOGETHER = 'https://www.together.ai/pricing (fine-tuning, LoRA supervised)';
const FIREWORKS = 'https://fireworks.ai/pricing (fine-tuning, supervised)';

/** Exact base-model ids (and the family prefix they are matched by). */
export const trainingPrices: { match: RegExp; provider: string; price: TrainingPrice }[] = [
  { match: /^gpt-4o-mini(-2024-07-18)?$/, provider: 'openai', price: { perMTok: 3, hostingPerHour: 0, source: OPENAI, asOf: '2025-06-01' } },
  { match: /^gpt-4o(-2024-08-06)?$/, provider: 'openai', price: { perMTok: 25, hostingPerHour: 0, source: OPENAI, asOf: '2025-06-01' } },
  { match: /^gpt-4\.1(-2025-04-14)?$/, provider: 'openai', price: { perMTok: 25, hostingPerHour: 0, source: OPENAI, asOf: '2025-06-01' } },
  { match: /^gpt-4\.1-mini(-2025-04-14)?$/, provider: 'openai', price: { perMTok: 5, hostingPerHour: 0, source: OPENAI, asOf: '2025-06-01' } },
  { match: /^gpt-4\.1-nano(-2025-04-14)?$/, provider: 'openai', price: { perMTok: 1.5, hostingPerHour: 0, source: OPENAI, asOf: '2025-06-01' } },
  { match: /^gpt-3\.5-turbo(-0125)?$/, provider: 'openai', price: { perMTok: 8, hostingPerHour: 0, source: OPENAI, asOf: '2025-06-01' } },
  // Together and Fireworks price by model size; serverless LoRA inference is billed per token,
  // dedicated endpoints per hour (set hostingPerHour in the eval file when you use one).
  {
    match: /^(together:)?[\w.-]+\/[\w.-]*\b([1-9]|1[0-6])B\b/i,
    provider: 'together',
    price: { perMTok: 0.48, hostingPerHour: null, source: TOGETHER, asOf: '2025-06-01' },
  },
  {
    match: /^(together:)?[\w.-]+\/[\w.-]*\b(1[7-9]|[2-6][0-9])B\b/i,
    provider: 'together',
    price: { perMTok: 1.5, hostingPerHour: null, source: TOGETHER, asOf: '2025-06-01' },
  },
  {
    match: /^(together:)?[\w.-]+\/[\w.-]*\b(7[0-9]|[89][0-9]|100)B\b/i,
    provider: 'together',
    price: { perMTok: 2.9, hostingPerHour: null, source: TOGETHER, asOf: '2025-06-01' },
  },
  {
    match: /^accounts\/fireworks\/models\/[\w.-]*\b([1-9]|1[0-6])b\b/i,
    provider: 'fireworks',
    price: { perMTok: 0.5, hostingPerHour: null, source: FIREWORKS, asOf: '2025-06-01' },
  },
  {
    match: /^accounts\/fireworks\/models\/[\w.-]*\b(1[7-9]|[2-7][0-9]|80)b\b/i,
    provider: 'fireworks',
    price: { perMTok: 3, hostingPerHour: null, source: FIREWORKS, asOf: '2025-06-01' },
  },
];

export function findTrainingPrice(baseModel: string): TrainingPrice | null {
  const model = baseModel.replace(/^ft:/, '').split(':')[0];
  return trainingPrices.find((t) => t.match.test(model))?.price ?? null;
}
