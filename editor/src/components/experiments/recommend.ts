// Which arm the results favour, if any: a challenger significantly better than the control on
// errors, thumbs up or the live eval's pass rate (and significantly worse on none), or the control when a
// challenger is significantly worse; otherwise no verdict yet, with the reason.
import type { ArmResult } from './experiments-api';

export interface Recommendation {
  arm?: string;
  reason: string;
}

export function recommend(arms: ArmResult[], minSamples: number): Recommendation {
  const [control, ...challengers] = arms;
  if (!control) return { reason: 'no arms' };
  const short = arms.filter((a) => a.runs < minSamples);
  let best: { arm: ArmResult; gain: number } | undefined;
  let controlWins = false;
  for (const a of challengers) {
    const v = a.vsControl;
    if (!v) continue;
    const errBetter = v.errorRate.significant && (v.errorRate.difference ?? 0) < 0;
    const errWorse = v.errorRate.significant && (v.errorRate.difference ?? 0) > 0;
    const evalBetter = !!v.evalPass?.significant && (v.evalPass.difference ?? 0) > 0;
    const evalWorse = !!v.evalPass?.significant && (v.evalPass.difference ?? 0) < 0;
    const upBetter = (v.thumbsUp.significant && (v.thumbsUp.difference ?? 0) > 0) || evalBetter;
    const upWorse = (v.thumbsUp.significant && (v.thumbsUp.difference ?? 0) < 0) || evalWorse;
    if ((errBetter || upBetter) && !errWorse && !upWorse) {
      const gain =
        Math.max(v.thumbsUp.significant ? (v.thumbsUp.difference ?? 0) : 0, evalBetter ? (v.evalPass?.difference ?? 0) : 0) -
        (errBetter ? (v.errorRate.difference ?? 0) : 0);
      if (!best || gain > best.gain) best = { arm: a, gain };
    } else if ((errWorse || upWorse) && !errBetter && !upBetter) controlWins = true;
  }
  if (best) return { arm: best.arm.arm, reason: `${best.arm.arm} is significantly better than ${control.arm} (5% level)` };
  if (controlWins) return { arm: control.arm, reason: `a challenger is significantly worse than ${control.arm}` };
  if (short.length)
    return { reason: `no verdict before ${minSamples} runs per arm (${short.map((a) => `${a.arm} has ${a.runs}`).join(', ')})` };
  return { reason: 'no significant difference between the arms yet' };
}
