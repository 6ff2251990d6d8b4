// Builds worker/costs/default-prices.json from @pydantic/genai-prices: per provider, each model's
// match rule and its current input, cached-input and output prices per million tokens. The worker
// ships this compact table (a few KB gzipped) instead of the package's full data (about 77 KB
// gzipped); `npm run schema` regenerates it and `npm test` checks it is fresh.
import { findProvider, type MatchLogic, type ModelPrice, type ConditionalPrice } from '@pydantic/genai-prices';

/**
 * OpenAI first: OpenAI-compatible endpoints mostly serve its model names. Providers reachable
 * through an OpenAI-compatible API; aggregators (OpenRouter's 700 models) and cloud resellers are
 * left out to keep the worker small; prices.json covers anything else.
 */
const PROVIDERS = [
  'openai',
  'anthropic',
  'google',
  'mistral',
  'deepseek',
  'x-ai',
  'groq',
  'together',
  'fireworks',
  'cohere',
  'perplexity',
  'cerebras',
  'cloudflare',
  'moonshotai',
  'zai',
  'minimax',
];

const num = (v: unknown): number | null =>
  typeof v === 'number' ? v : typeof (v as { base?: unknown })?.base === 'number' ? (v as { base: number }).base : null;

/** The price in force on `day`: the last start-date constraint reached (time-of-day discounts ignored). */
function currentPrice(prices: ModelPrice | ConditionalPrice[], day: string): ModelPrice {
  if (!Array.isArray(prices)) return prices;
  let chosen = prices[0].prices;
  for (const p of prices) {
    const c = p.constraint;
    if (!c) chosen = p.prices;
    else if (c.type === 'start_date' && c.start_date <= day) chosen = p.prices;
  }
  return chosen;
}

export interface DefaultPriceTable {
  source: string;
  asOf: string;
  providers: {
    id: string;
    url?: string;
    models: { id: string; match: MatchLogic; input: number | null; cachedInput: number | null; output: number | null }[];
  }[];
}

export function buildDefaultPrices(version: string, asOf: string): DefaultPriceTable {
  const providers: DefaultPriceTable['providers'] = [];
  for (const id of PROVIDERS) {
    const p = findProvider({ providerId: id });
    if (!p) continue;
    providers.push({
      id: p.id,
      ...(p.pricing_urls?.[0] ? { url: p.pricing_urls[0] } : {}),
      models: p.models.map((m) => {
        const price = currentPrice(m.prices, asOf);
        return {
          id: m.id,
          match: m.match,
          input: num(price.input_mtok),
          cachedInput: num(price.cache_read_mtok),
          output: num(price.output_mtok),
        };
      }),
    });
  }
  return { source: `@pydantic/genai-prices ${version}`, asOf, providers };
}
