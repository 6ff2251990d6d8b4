// The price file (`prices.json` at the repo root): per-model prices in USD that override the
// defaults from @pydantic/genai-prices, plus what that package does not know (training, hosting,
// retirement). Validated with zod; `npm run schema` writes prices.schema.json from this schema.
import * as z from 'zod';

const usd = (what: string) => z.number().nonnegative().nullable().optional().describe(what);

export const modelPrice = z.strictObject({
  input: usd('USD per million input tokens'),
  cachedInput: usd('USD per million cached input tokens (prompt-cache hits); the input price when absent'),
  output: usd('USD per million output tokens (reasoning tokens included)'),
  training: usd('USD per million training tokens (fine-tuning)'),
  hostingPerHour: usd('USD per hour to host the model (dedicated deployments, fine-tuned model hosting)'),
  retires: z.iso.date().nullable().optional().describe('The date the provider retires the model (YYYY-MM-DD)'),
  source: z.string().min(1).describe('Where the prices come from (a URL or a note)'),
  date: z.iso.date().describe('When the prices were checked (YYYY-MM-DD)'),
});
export type ModelPriceEntry = z.infer<typeof modelPrice>;

export const priceFile = z.strictObject({
  $schema: z.string().optional(),
  /** Model name, or a prefix ending in `*` (`ft:gpt-4o-mini-2024-07-18:*`); the longest match wins. */
  models: z.record(z.string().min(1), modelPrice).describe('Prices by model name; a key ending in * matches every model starting with it'),
});
export type PriceFile = z.infer<typeof priceFile>;
