// How the Evals view writes rates, intervals and p-values.
import type { Interval } from '../../../../worker/evals/stats-intervals';

export const pct = (v: number, digits = 1) => `${(v * 100).toFixed(digits)}%`;

/** "73.3% (55.6–85.8%)": the rate with its Wilson 95% interval. */
export const rateWithInterval = (rate: number, interval: Interval) => `${pct(rate)} (${pct(interval.low)}–${pct(interval.high)})`;

export const pValue = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

export const count = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${Math.round(n / 1000)}k` : n.toLocaleString('en-US'));
