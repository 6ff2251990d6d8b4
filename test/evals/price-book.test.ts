// Prices: inference from the price table generated from @pydantic/genai-prices (fine-tuned OpenAI
// ids included), training from the documented table, the eval file's overrides first, and null
// (never 0) when unknown.
import { describe, expect, it } from 'vitest';
import { callCost, createPriceBook, findTrainingPrice } from '../../worker/evals';

describe('price book', () => {
  const book = createPriceBook({ 'my-model': { input: 1, output: 2, cachedInput: 0.5 }, 'gpt-4o-mini-2024-07-18': { retires: '2027-07-18' } });

  it('reads inference prices from genai-prices, fine-tuned OpenAI models included', () => {
    expect(book.inference('gpt-4o-mini')).toMatchObject({ inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 });
    expect(book.inference('ft:gpt-4o-mini-2024-07-18:acme:x1000-support:9xK2pQ')).toMatchObject({ inputPerMTok: 0.3, outputPerMTok: 1.2 });
    expect(book.inference('no-such-model-anywhere')).toBeNull();
  });

  it("lets the eval file's prices win and prices cached input apart", () => {
    expect(book.inference('my-model')?.source).toBe('eval file');
    expect(callCost(book, 'my-model', { inputTokens: 1_000_000, cachedInputTokens: 400_000, outputTokens: 1_000_000 })).toBeCloseTo(0.6 + 0.2 + 2, 10);
    expect(callCost(book, 'unknown-model', { inputTokens: 1, outputTokens: 1 })).toBeNull();
  });

  it('finds training prices with source and date, and keeps retirement dates from the eval file', () => {
    expect(findTrainingPrice('gpt-4o-mini-2024-07-18')).toMatchObject({ perMTok: 3, hostingPerHour: 0, asOf: '2025-06-01' });
    expect(findTrainingPrice('meta-llama/Meta-Llama-3.1-8B-Instruct-Reference')?.perMTok).toBe(0.48);
    expect(findTrainingPrice('accounts/fireworks/models/llama-v3p1-70b-instruct')?.perMTok).toBe(3);
    expect(findTrainingPrice('claude-something')).toBeNull();
    expect(book.training('gpt-4o-mini-2024-07-18')).toMatchObject({ perMTok: 3, retires: '2027-07-18' });
  });
});
