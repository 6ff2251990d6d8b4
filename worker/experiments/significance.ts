// Comparing two arms' rates (errors, fallbacks, thumbs up): each rate with its Wilson interval
// (the evals' statistics, worker/evals/stats-intervals.ts) and a two-sided two-proportion z-test
// with a pooled variance; no verdict below the minimum sample per arm.
import { wilson, type Interval } from '../evals/stats-intervals';

export interface Rate {
  count: number;
  n: number;
  rate: number | null;
  interval: Interval | null;
}

export const rateOf = (count: number, n: number): Rate => ({
  count,
  n,
  rate: n ? count / n : null,
  interval: n ? wilson(count, n) : null,
});

/** Standard normal CDF (Abramowitz and Stegun 7.1.26 through erf; error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface Comparison {
  /** b's rate minus a's. */
  difference: number | null;
  pValue: number | null;
  significant: boolean;
  /** Why there is no verdict, when there is none. */
  note?: string;
}

export function twoProportion(a: Rate, b: Rate, minSamples: number, alpha = 0.05): Comparison {
  if (a.n < minSamples || b.n < minSamples)
    return { difference: null, pValue: null, significant: false, note: `needs at least ${minSamples} per arm (has ${a.n} and ${b.n})` };
  const pa = a.count / a.n;
  const pb = b.count / b.n;
  const pooled = (a.count + b.count) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  if (se === 0) return { difference: pb - pa, pValue: 1, significant: false };
  const z = (pb - pa) / se;
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { difference: pb - pa, pValue, significant: pValue < alpha };
}
