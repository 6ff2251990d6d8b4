// How `weir experiment list | show` prints: one line per experiment, and per-arm results as a
// table with each arm's comparison against the control.
import { table, usd } from '../lib/runs-format';

export interface ExperimentBody {
  id: string;
  flowId: string;
  status: string;
  version: number;
  arms: { name: string; ref: string; weight: number; stopped?: boolean; stoppedReason?: string }[];
  shadow?: { ref: string; sample: number };
  evaluate?: { sample: number; assertions: unknown[] };
  subjectField?: string;
  guardrail: { maxErrorRate: number; minRuns: number };
  minSamples: number;
  promotedArm?: string;
}

interface Rate {
  count: number;
  n: number;
  rate: number | null;
  interval: { low: number; high: number } | null;
}
interface Comparison {
  difference: number | null;
  pValue: number | null;
  significant: boolean;
  note?: string;
}
export interface ArmResultBody {
  arm: string;
  ref?: string;
  weight?: number;
  stopped?: boolean;
  stoppedReason?: string;
  runs: number;
  errorRate: Rate;
  fallbackRate: Rate;
  latencyMs: { p50: number | null; p95: number | null };
  cost: { total: number | null; perRun: number | null };
  feedback: { thumbsUp: Rate; score: { n: number; mean: number | null } };
  /** Older workers do not send it. */
  evaluation?: { passRate: Rate; score: { n: number; mean: number | null } };
  vsControl?: { errorRate: Comparison; fallbackRate: Comparison; thumbsUp: Comparison; evalPass?: Comparison };
}

const pct = (r: Rate): string =>
  r.rate === null
    ? '-'
    : `${(r.rate * 100).toFixed(1)}%${r.interval ? ` [${(r.interval.low * 100).toFixed(0)}-${(r.interval.high * 100).toFixed(0)}]` : ''}`;
const ms = (v: number | null) => (v === null ? '-' : `${Math.round(v)}ms`);
const verdict = (c: Comparison | undefined): string => {
  if (!c) return 'control';
  if (c.pValue === null) return c.note ?? 'not enough data';
  const sign = (c.difference ?? 0) >= 0 ? '+' : '';
  return `${sign}${((c.difference ?? 0) * 100).toFixed(1)} pts, p=${c.pValue.toFixed(3)}${c.significant ? ' (significant)' : ''}`;
};

export const armsText = (e: ExperimentBody): string =>
  e.arms.map((a) => `${a.name}=${a.ref}:${a.weight}${a.stopped ? ' (stopped)' : ''}`).join(' ');

export function experimentLine(e: ExperimentBody): string[] {
  return [e.id, e.flowId, e.status + (e.promotedArm ? ` → ${e.promotedArm}` : ''), String(e.version), armsText(e)];
}

export function printResults(e: ExperimentBody, arms: ArmResultBody[]): void {
  console.log(`experiment ${e.id} on flow ${e.flowId}: ${e.status} (version ${e.version})`);
  console.log(`arms: ${armsText(e)}${e.shadow ? `  shadow: ${e.shadow.ref} on ${(e.shadow.sample * 100).toFixed(0)}%` : ''}`);
  console.log(
    `guardrail: stop an arm above ${(e.guardrail.maxErrorRate * 100).toFixed(0)}% errors after ${e.guardrail.minRuns} runs; significance after ${e.minSamples} runs per arm\n`,
  );
  const rows = arms.map((a) => [
    a.arm + (a.stopped ? ' (stopped)' : ''),
    String(a.runs),
    pct(a.errorRate),
    pct(a.fallbackRate),
    `${ms(a.latencyMs.p50)} / ${ms(a.latencyMs.p95)}`,
    usd(a.cost.total),
    a.feedback.thumbsUp.n ? `${pct(a.feedback.thumbsUp)} of ${a.feedback.thumbsUp.n}` : '-',
    a.feedback.score.mean === null ? '-' : a.feedback.score.mean.toFixed(2),
    verdict(a.vsControl?.errorRate),
    verdict(a.vsControl?.thumbsUp),
  ]);
  const head = ['ARM', 'RUNS', 'ERRORS', 'FALLBACKS', 'P50 / P95', 'COST', 'THUMBS UP', 'SCORE', 'ERRORS VS CONTROL', 'THUMBS VS CONTROL'];
  console.log(table([head, ...rows]));
  if (e.evaluate) {
    console.log(`\nlive evaluation: ${e.evaluate.assertions.length} assertion(s) on ${(e.evaluate.sample * 100).toFixed(0)}% of runs`);
    const evalRows = arms.map((a) => {
      const ev = a.evaluation;
      return [
        a.arm,
        ev?.passRate.n ? `${pct(ev.passRate)} of ${ev.passRate.n}` : '-',
        ev?.score.mean == null ? '-' : ev.score.mean.toFixed(2),
        verdict(a.vsControl?.evalPass),
      ];
    });
    console.log(table([['ARM', 'EVAL PASS', 'EVAL SCORE', 'PASS VS CONTROL'], ...evalRows]));
  }
  for (const a of arms) if (a.stoppedReason) console.log(`${a.arm}: ${a.stoppedReason}`);
}
