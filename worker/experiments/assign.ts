// Sticky arm assignment with no stored state: hash(salt + subject) mapped onto the arms' weights.
// The same subject always lands in the same arm while the weights stay the same; a stopped arm's
// share is spread over the others. Pure and synchronous (it runs on the hot path).

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain); enough for bucketing, not for secrets. */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A point in [0, 1) for a subject: the same inputs always give the same point. */
export const unitPoint = (salt: string, subject: string): number => hash53(`${salt}\u0000${subject}`) / 2 ** 53;

export interface WeightedArm {
  name: string;
  weight: number;
  stopped?: boolean;
}

/** The arm a subject gets; undefined when no arm has traffic left. */
export function assignArm<A extends WeightedArm>(arms: readonly A[], salt: string, subject: string): A | undefined {
  const live = arms.filter((a) => !a.stopped && a.weight > 0);
  const total = live.reduce((s, a) => s + a.weight, 0);
  if (total <= 0) return undefined;
  let point = unitPoint(salt, subject) * total;
  for (const arm of live) {
    if (point < arm.weight) return arm;
    point -= arm.weight;
  }
  return live[live.length - 1];
}

/** Whether a subject falls in a shadow sample (independent of its arm: a different salt). */
export const inSample = (salt: string, subject: string, sample: number): boolean => unitPoint(`${salt}\u0000shadow`, subject) < sample;
