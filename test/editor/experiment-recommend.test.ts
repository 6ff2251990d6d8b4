// The Experiments view's verdict and form checks: which arm the results favour (significance
// from the worker, never guessed below the minimum sample), and what the form refuses as you type.
import { describe, expect, it } from 'vitest';
import type { ArmResult } from '../../editor/src/components/experiments/experiments-api';
import { formProblems } from '../../editor/src/components/experiments/form-checks';
import { recommend } from '../../editor/src/components/experiments/recommend';

const rate = (count: number, n: number) => ({ count, n, rate: n ? count / n : null, interval: null });
const none = { difference: null, pValue: null, significant: false, note: 'needs at least 30 per arm' };
const sig = (difference: number) => ({ difference, pValue: 0.01, significant: true });
const flat = { difference: 0, pValue: 1, significant: false };

function arm(name: string, runs: number, vs?: Partial<NonNullable<ArmResult['vsControl']>>): ArmResult {
  return {
    arm: name,
    versions: [],
    runs,
    errorRate: rate(0, runs),
    fallbackRate: rate(0, runs),
    latencyMs: { p50: null, p95: null },
    cost: { total: null, perRun: null, unknownRuns: 0 },
    feedback: { thumbsUp: rate(0, 0), score: { n: 0, mean: null } },
    evaluation: { passRate: rate(0, 0), score: { n: 0, mean: null } },
    ...(vs ? { vsControl: { errorRate: flat, fallbackRate: flat, thumbsUp: flat, evalPass: flat, ...vs } } : {}),
  };
}

describe('recommend', () => {
  it('names a challenger that is significantly better on thumbs up and worse on nothing', () => {
    expect(recommend([arm('v1', 40), arm('v2', 40, { thumbsUp: sig(0.4) })], 30).arm).toBe('v2');
  });

  it('favours the control when a challenger is significantly worse', () => {
    expect(recommend([arm('v1', 40), arm('v2', 40, { errorRate: sig(0.2) })], 30).arm).toBe('v1');
  });

  it('gives no verdict below the minimum sample, and says how many runs each arm has', () => {
    const r = recommend([arm('v1', 12), arm('v2', 9, { thumbsUp: none, errorRate: none })], 30);
    expect(r.arm).toBeUndefined();
    expect(r.reason).toBe('no verdict before 30 runs per arm (v1 has 12, v2 has 9)');
  });

  it('gives no verdict when a challenger is better on one rate and worse on another', () => {
    expect(recommend([arm('v1', 50), arm('v2', 50, { thumbsUp: sig(0.3), errorRate: sig(0.1) })], 30).arm).toBeUndefined();
  });

  it("counts the live evaluation's pass rate like feedback", () => {
    expect(recommend([arm('v1', 50), arm('v2', 50, { evalPass: sig(0.25) })], 30).arm).toBe('v2');
  });
});

describe('experiment form checks', () => {
  const ok = {
    id: 'prompt-vs-ft',
    arms: [
      { name: 'v1', ref: '1', weight: '50' },
      { name: 'v2', ref: '2', weight: '50' },
    ],
    maxErrorRate: '50',
    minRuns: '20',
    minSamples: '30',
  };

  it('accepts a 50/50 experiment', () => {
    expect(formProblems(ok)).toEqual([]);
  });

  it('refuses arms with the same name, weights all zero or out of range, and a bad id', () => {
    const problems = formProblems({
      ...ok,
      id: 'Bad Id',
      arms: [
        { name: 'a', ref: '1', weight: '0' },
        { name: 'a', ref: '2', weight: '2000' },
      ],
    });
    expect(problems).toContain('arm names must differ');
    expect(problems).toContain('arm 2: a weight from 0 to 1000');
    expect(problems.some((p) => p.startsWith('id:'))).toBe(true);
    expect(formProblems({ ...ok, arms: ok.arms.map((a) => ({ ...a, weight: '0' })) })).toContain('at least one arm needs a weight above 0');
  });

  it('refuses percentages above 100 and a shadow without a version', () => {
    const problems = formProblems({ ...ok, maxErrorRate: '150', shadow: { ref: '', sample: '10' } });
    expect(problems).toContain('guardrail error rate: a percentage from 0 to 100');
    expect(problems).toContain('shadow: choose a version or a label');
  });
});
