// Intervals: Wilson's score interval for a pass rate (Wilson 1927; Newcombe 1998, method 3),
// which stays inside [0, 1] and behaves at 0/n and n/n where the normal approximation fails, and
// a seeded percentile bootstrap for means and for paired differences of judge scores.
import { seededRandom } from '../datasets/seeded';

export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

export function wilson(successes: number, n: number, z = Z95): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

/** Linear-interpolated quantile (type 7, what numpy and R use by default) of sorted values. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const quantile = (values: readonly number[], q: number): number => quantileSorted([...values].sort((a, b) => a - b), q);

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** Percentile bootstrap of the mean: `resamples` draws with replacement, seeded. */
export function bootstrapMean(values: readonly number[], opts: { resamples?: number; seed?: number } = {}): Interval & { mean: number } {
  if (values.length === 0) return { mean: NaN, low: NaN, high: NaN };
  const random = seededRandom(opts.seed ?? 1);
  const b = opts.resamples ?? 2000;
  const means: number[] = [];
  for (let r = 0; r < b; r++) {
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[Math.floor(random() * values.length)];
    means.push(sum / values.length);
  }
  means.sort((x, y) => x - y);
  return { mean: mean(values), low: quantileSorted(means, 0.025), high: quantileSorted(means, 0.975) };
}

/** Paired bootstrap of mean(a − b) over the same items: resamples items, keeping each pair together. */
export function pairedBootstrap(a: readonly number[], b: readonly number[], opts: { resamples?: number; seed?: number } = {}) {
  if (a.length !== b.length) throw new Error('paired samples must have the same length');
  return bootstrapMean(
    a.map((x, i) => x - b[i]),
    opts,
  );
}
