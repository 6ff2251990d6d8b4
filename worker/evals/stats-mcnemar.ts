// McNemar's exact test for two variants judged pass/fail on the same items: only the discordant
// items count (b: A passed and B failed, c: the reverse); under "no difference" each discordant
// item goes either way with probability 1/2, so the two-sided p-value is twice the binomial tail
// (capped at 1). Computed in log space so large samples do not underflow.

function logChoose(n: number, k: number, logFact: number[]): number {
  return logFact[n] - logFact[k] - logFact[n - k];
}

export interface McNemar {
  /** A passed, B failed. */
  b: number;
  /** A failed, B passed. */
  c: number;
  pValue: number;
}

export function mcnemarExact(b: number, c: number): McNemar {
  const n = b + c;
  if (n === 0) return { b, c, pValue: 1 };
  const k = Math.min(b, c);
  if (n <= 1000) {
    // Directly: C(n, i) / 2^n term by term stays within double range up to n = 1000.
    let term = 0.5 ** n;
    let tail = term;
    for (let i = 0; i < k; i++) {
      term = (term * (n - i)) / (i + 1);
      tail += term;
    }
    return { b, c, pValue: Math.min(1, 2 * tail) };
  }
  const logFact = [0];
  for (let i = 1; i <= n; i++) logFact[i] = logFact[i - 1] + Math.log(i);
  const logHalfN = n * Math.log(0.5);
  const terms: number[] = [];
  for (let i = 0; i <= k; i++) terms.push(logChoose(n, i, logFact) + logHalfN);
  const max = Math.max(...terms);
  const tail = Math.exp(max) * terms.reduce((s, t) => s + Math.exp(t - max), 0);
  return { b, c, pValue: Math.min(1, 2 * tail) };
}
