import { describe, expect, it } from 'vitest';
import { assignArm, hash53, inSample, unitPoint } from '../../../worker/experiments/assign';

const arms = [
  { name: 'a', weight: 50 },
  { name: 'b', weight: 50 },
];

describe('sticky arm assignment', () => {
  it('gives the same subject the same arm every time', () => {
    for (let i = 0; i < 200; i++) {
      const first = assignArm(arms, 'salt', `user-${i}`)?.name;
      for (let k = 0; k < 5; k++) expect(assignArm(arms, 'salt', `user-${i}`)?.name).toBe(first);
    }
  });

  it('splits subjects in proportion to the weights', () => {
    const weighted = [
      { name: 'a', weight: 1 },
      { name: 'b', weight: 3 },
    ];
    const n = 20_000;
    let b = 0;
    for (let i = 0; i < n; i++) if (assignArm(weighted, 'exp-1', `s${i}`)?.name === 'b') b++;
    // 3/4 expected; 20,000 draws put the standard error near 0.3 percentage points.
    expect(b / n).toBeGreaterThan(0.73);
    expect(b / n).toBeLessThan(0.77);
  });

  it('splits 50/50 evenly within sampling error', () => {
    const n = 20_000;
    let a = 0;
    for (let i = 0; i < n; i++) if (assignArm(arms, 'another-salt', `subject:${i}`)?.name === 'a') a++;
    expect(Math.abs(a / n - 0.5)).toBeLessThan(0.02);
  });

  it('reshuffles subjects when the salt changes', () => {
    let moved = 0;
    for (let i = 0; i < 1000; i++) if (assignArm(arms, 's1', `u${i}`)?.name !== assignArm(arms, 's2', `u${i}`)?.name) moved++;
    expect(moved).toBeGreaterThan(350);
    expect(moved).toBeLessThan(650);
  });

  it("gives a stopped arm's share to the others and nothing when every arm is out", () => {
    const oneStopped = [
      { name: 'a', weight: 50, stopped: true },
      { name: 'b', weight: 50 },
    ];
    for (let i = 0; i < 100; i++) expect(assignArm(oneStopped, 'x', `u${i}`)?.name).toBe('b');
    expect(
      assignArm(
        [
          { name: 'a', weight: 0 },
          { name: 'b', weight: 5, stopped: true },
        ],
        'x',
        'u',
      ),
    ).toBeUndefined();
  });

  it('keeps subjects of a zero-weight arm out of it', () => {
    const zero = [
      { name: 'a', weight: 0 },
      { name: 'b', weight: 1 },
    ];
    for (let i = 0; i < 100; i++) expect(assignArm(zero, 'x', `u${i}`)?.name).toBe('b');
  });

  it('maps subjects into [0, 1) and samples shadow traffic near its rate', () => {
    expect(hash53('abc')).toBe(hash53('abc'));
    expect(hash53('abc')).not.toBe(hash53('abd'));
    let sampled = 0;
    for (let i = 0; i < 10_000; i++) {
      const p = unitPoint('s', `u${i}`);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(1);
      if (inSample('s', `u${i}`, 0.2)) sampled++;
    }
    expect(sampled / 10_000).toBeGreaterThan(0.18);
    expect(sampled / 10_000).toBeLessThan(0.22);
  });
});
