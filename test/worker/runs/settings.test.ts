import { describe, expect, it } from 'vitest';
import { parseLogMode, parseRedaction, shouldRecord } from '../../../worker/runs/log/settings';
import { costOf, sumCosts } from '../../../worker/costs/cost';
import { lookupPrice } from '../../../worker/costs/prices';
import { priceFile } from '../../../worker/costs/price-file';
import userPrices from '../../../prices.json';
import { calcPrice } from '@pydantic/genai-prices';
import { matches } from '../../../worker/costs/model-match';

describe('run-log settings', () => {
  it('reads RUN_LOG as all, errors, off or a sample rate', () => {
    expect(parseLogMode(undefined)).toEqual({ kind: 'all' });
    expect(parseLogMode('errors')).toEqual({ kind: 'errors' });
    expect(parseLogMode('OFF')).toEqual({ kind: 'off' });
    expect(parseLogMode('0.25')).toEqual({ kind: 'sample', rate: 0.25 });
    expect(parseLogMode('10%')).toEqual({ kind: 'sample', rate: 0.1 });
    expect(parseLogMode('0')).toEqual({ kind: 'off' });
  });

  it('samples ok runs by the rate and always keeps failures', () => {
    const mode = { kind: 'sample' as const, rate: 0.5 };
    expect(shouldRecord(mode, false, () => 0.4)).toBe(true);
    expect(shouldRecord(mode, false, () => 0.6)).toBe(false);
    expect(shouldRecord(mode, true, () => 0.9)).toBe(true);
    expect(shouldRecord({ kind: 'errors' }, false)).toBe(false);
  });

  it('reads RUN_LOG_REDACT as fields to drop or mask', () => {
    expect(parseRedaction(' email:mask, ssn ,')).toEqual([
      { field: 'email', how: 'mask' },
      { field: 'ssn', how: 'drop' },
    ]);
  });
});

describe('prices and costs', () => {
  it('the shipped prices.json is valid', () => {
    expect(priceFile.safeParse(userPrices).success).toBe(true);
  });

  it('takes defaults from genai-prices and lets the user file override field by field, with source and date', () => {
    const file = priceFile.parse({
      models: {
        'gpt-4o-mini': { training: 3, retires: '2027-06-01', source: 'https://example.com/p', date: '2026-11-30' },
        'ft:acme-*': { input: 1, output: 2, hostingPerHour: 1.5, source: 'contract', date: '2026-10-01' },
        'ft:acme-long-*': { input: 5, output: 6, source: 'contract 2', date: '2026-10-02' },
      },
    });
    const mini = lookupPrice('gpt-4o-mini', file)!;
    expect(mini).toMatchObject({ input: 0.15, output: 0.6, training: 3, retires: '2027-06-01', date: '2026-11-30' });
    expect(mini.source).toContain('genai-prices');
    expect(lookupPrice('ft:acme-long-model', file)).toMatchObject({ input: 5, output: 6, source: 'contract 2' });
    expect(lookupPrice('ft:acme-x', file)).toMatchObject({ input: 1, hostingPerHour: 1.5 });
    expect(lookupPrice('my-local-llama', file)).toBeUndefined();
  });

  it('prices cached input at the cached rate and an unknown price as null', () => {
    const price = { input: 2, cachedInput: 1, output: 10, training: null, hostingPerHour: null, retires: null, source: 's', date: null };
    expect(costOf({ inputTokens: 1_000_000, cachedInputTokens: 500_000, outputTokens: 100_000 }, price)).toBeCloseTo(2.5, 9);
    expect(costOf({ inputTokens: 10, outputTokens: 10 }, undefined)).toBeNull();
    expect(costOf({ inputTokens: 10, outputTokens: 10 }, { ...price, output: null })).toBeNull();
    expect(sumCosts([0.1, null, 0.2])).toBeNull();
    expect(sumCosts([0.1, 0.2])).toBeCloseTo(0.3, 9);
  });

  it('ships the same default prices as @pydantic/genai-prices for common models', () => {
    for (const model of ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'o3-mini', 'ft:gpt-4o-mini-2024-07-18:acme::x1']) {
      const expected = calcPrice({ input_tokens: 0, output_tokens: 0 }, model, { providerId: 'openai' })!;
      const got = lookupPrice(model, { models: {} })!;
      expect(got.input, model).toBe(expected.model_price.input_mtok);
      expect(got.output, model).toBe(expected.model_price.output_mtok);
      expect(got.source).toContain(expected.model.id);
    }
  });

  it('evaluates the match rules of the price table', () => {
    expect(matches({ or: [{ equals: 'a' }, { starts_with: 'ft:' }] }, 'ft:x')).toBe(true);
    expect(matches({ and: [{ contains: 'mini' }, { ends_with: '-2024' }] }, 'gpt-mini-2024')).toBe(true);
    expect(matches({ regex: '^claude-3-(5|7)' }, 'claude-3-7-sonnet')).toBe(true);
    expect(matches({ regex: '(' }, 'x')).toBe(false);
  });
});
