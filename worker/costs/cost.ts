// What a model call cost in USD, from its tokens and the model's price. Cached input tokens are
// part of the input count (OpenAI's convention) and billed at the cached price when there is one;
// reasoning tokens are part of the output. Unknown price: null, never 0.
import type { Usage } from '../engine/types';
import { priceOf, type ModelPrice } from './prices';

export function costOf(tokens: Usage, price: ModelPrice | undefined): number | null {
  if (!price || price.input === null || price.output === null) return null;
  const cached = Math.min(tokens.cachedInputTokens ?? 0, tokens.inputTokens);
  const cachedPrice = price.cachedInput ?? price.input;
  const usd = ((tokens.inputTokens - cached) * price.input + cached * cachedPrice + tokens.outputTokens * price.output) / 1e6;
  return Math.round(usd * 1e9) / 1e9;
}

/** A node's cost by its model name. */
export const modelCost = (model: string, tokens: Usage): number | null => costOf(tokens, priceOf(model));

/** The sum of known costs; null as soon as one is unknown. */
export function sumCosts(costs: (number | null)[]): number | null {
  let total = 0;
  for (const c of costs) {
    if (c === null) return null;
    total += c;
  }
  return Math.round(total * 1e9) / 1e9;
}
