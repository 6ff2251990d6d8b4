// Statistics against textbook values: Wilson intervals from Newcombe (1998, Table I, method 3),
// McNemar's exact p-values from the binomial distribution, quantiles as numpy computes them, and
// seeded bootstrap intervals that repeat exactly.
import { describe, expect, it } from 'vitest';
import { bootstrapMean, mcnemarExact, pairedBootstrap, quantile, wilson } from '../../worker/evals';

describe('Wilson 95% interval', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i is [%f, %f] as in Newcombe (1998)', (x, n, low, high) => {
    const ci = wilson(x, n);
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });

  it('tells 17/20 and 850/1000 apart although both are 85%', () => {
    const small = wilson(17, 20);
    const large = wilson(850, 1000);
    expect(small.high - small.low).toBeGreaterThan(0.25);
    expect(large.high - large.low).toBeLessThan(0.05);
  });

  it('stays inside [0, 1] at n/n and is the whole range with no items', () => {
    expect(wilson(20, 20).high).toBe(1);
    expect(wilson(20, 20).low).toBeCloseTo(0.8389, 4);
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe("McNemar's exact test", () => {
  it.each([
    [1, 9, 0.021484375],
    [13, 3, 0.021270751953125],
    [0, 6, 0.03125],
    [2, 10, 0.03857421875],
    [5, 5, 1],
    [0, 0, 1],
  ])('b=%i, c=%i gives p=%f (twice the binomial tail)', (b, c, p) => {
    expect(mcnemarExact(b, c).pValue).toBeCloseTo(p, 12);
  });

  it('is symmetric in the two variants', () => {
    expect(mcnemarExact(3, 11).pValue).toBe(mcnemarExact(11, 3).pValue);
  });

  it('does not underflow on large samples', () => {
    expect(mcnemarExact(600, 400).pValue / 2.7284641560660184e-10).toBeCloseTo(1, 6);
  });
});

describe('quantiles and bootstrap', () => {
  it('interpolates linearly between ranks like numpy.percentile', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.95)).toBeCloseTo(3.85, 10);
    expect(quantile([7], 0.95)).toBe(7);
  });

  it('gives the same interval for the same seed and a different one for another seed', () => {
    const scores = [0.2, 0.9, 0.4, 0.7, 1, 0, 0.5, 0.8, 0.3, 0.6];
    const a = bootstrapMean(scores, { seed: 7 });
    expect(bootstrapMean(scores, { seed: 7 })).toEqual(a);
    expect(bootstrapMean(scores, { seed: 8 })).not.toEqual(a);
    expect(a.mean).toBeCloseTo(0.54, 10);
    expect(a.low).toBeLessThan(a.mean);
    expect(a.high).toBeGreaterThan(a.mean);
    expect(a.low).toBeGreaterThan(0.3);
    expect(a.high).toBeLessThan(0.78);
  });

  it('pairs items: a constant improvement has a zero-width interval, identical scores a zero difference', () => {
    const a = [0.1, 0.5, 0.9, 0.3];
    expect(pairedBootstrap(a, a)).toEqual({ mean: 0, low: 0, high: 0 });
    const better = pairedBootstrap(
      a.map((x) => x + 0.1),
      a,
    );
    expect(better.low).toBeCloseTo(0.1, 10);
    expect(better.high).toBeCloseTo(0.1, 10);
  });
});
