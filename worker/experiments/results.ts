// Per-arm results of an experiment, live from the run log: traffic, error and fallback rates,
// latency p50/p95, cost, feedback (thumbs and scores), the live evaluation's pass rate and score,
// and each arm compared with the first (the control) on those rates with the minimum-sample guard.
import { quantileSorted } from '../evals/stats-intervals';
import { rateOf, twoProportion } from './significance';
import type { Experiment } from './schema';
import type { ArmResult } from './arm-result';

export type { ArmResult };

interface ArmRow {
  arm: string;
  runs: number;
  errors: number;
  fallbacks: number;
  cost: number | null;
  cost_known: number;
}
interface ScoreRow {
  arm: string;
  name: string;
  n: number;
  total: number;
  ups: number;
}

/** Latencies kept per arm for percentiles: the newest runs, enough for a stable p95. */
const LATENCY_SAMPLE = 5000;

export async function experimentResults(db: D1Database, exp: Experiment): Promise<ArmResult[]> {
  const [arms, scores, latencies, versions] = await Promise.all([
    db
      .prepare(
        `SELECT experiment_arm AS arm, COUNT(*) AS runs, SUM(status = 'failed') AS errors,
          SUM(EXISTS (SELECT 1 FROM run_nodes n WHERE n.run_id = runs.id AND n.status = 'fell_back')) AS fallbacks,
          SUM(cost_usd) AS cost, COUNT(cost_usd) AS cost_known
        FROM runs WHERE experiment_id = ? GROUP BY experiment_arm`,
      )
      .bind(exp.id)
      .all<ArmRow>(),
    db
      .prepare(
        `SELECT r.experiment_arm AS arm, s.name AS name, COUNT(*) AS n, SUM(s.value) AS total, SUM(s.value >= 1) AS ups
        FROM run_scores s JOIN runs r ON r.id = s.run_id
        WHERE r.experiment_id = ? AND s.name IN ('thumbs', 'score', 'eval_pass', 'eval_score') AND s.value IS NOT NULL
        GROUP BY r.experiment_arm, s.name`,
      )
      .bind(exp.id)
      .all<ScoreRow>(),
    db
      .prepare(
        `SELECT arm, duration_ms FROM (SELECT experiment_arm AS arm, duration_ms,
          ROW_NUMBER() OVER (PARTITION BY experiment_arm ORDER BY created_at DESC) AS rn FROM runs WHERE experiment_id = ?)
        WHERE rn <= ${LATENCY_SAMPLE}`,
      )
      .bind(exp.id)
      .all<{ arm: string; duration_ms: number }>(),
    db
      .prepare('SELECT DISTINCT experiment_arm AS arm, flow_version AS version FROM runs WHERE experiment_id = ?')
      .bind(exp.id)
      .all<{ arm: string; version: string }>(),
  ]);
  const names = [...exp.arms.map((a) => a.name), ...arms.results.map((r) => r.arm).filter((a) => !exp.arms.some((x) => x.name === a))];
  const results = names.map((name): ArmResult => {
    const row = arms.results.find((r) => r.arm === name);
    const conf = exp.arms.find((a) => a.name === name);
    const runs = row?.runs ?? 0;
    const durations = latencies.results
      .filter((l) => l.arm === name)
      .map((l) => l.duration_ms)
      .sort((a, b) => a - b);
    const thumbs = scores.results.find((s) => s.arm === name && s.name === 'thumbs');
    const score = scores.results.find((s) => s.arm === name && s.name === 'score');
    const evalPass = scores.results.find((s) => s.arm === name && s.name === 'eval_pass');
    const evalScore = scores.results.find((s) => s.arm === name && s.name === 'eval_score');
    const costKnown = row?.cost_known ?? 0;
    return {
      arm: name,
      ...(conf ? { ref: conf.ref, weight: conf.weight } : {}),
      ...(conf?.stopped ? { stopped: true, ...(conf.stoppedReason ? { stoppedReason: conf.stoppedReason } : {}) } : {}),
      versions: versions.results.filter((v) => v.arm === name).map((v) => v.version),
      runs,
      errorRate: rateOf(row?.errors ?? 0, runs),
      fallbackRate: rateOf(row?.fallbacks ?? 0, runs),
      latencyMs: durations.length
        ? { p50: quantileSorted(durations, 0.5), p95: quantileSorted(durations, 0.95) }
        : { p50: null, p95: null },
      cost: {
        total: costKnown ? (row?.cost ?? 0) : null,
        perRun: costKnown ? (row?.cost ?? 0) / costKnown : null,
        unknownRuns: runs - costKnown,
      },
      feedback: {
        thumbsUp: rateOf(thumbs?.ups ?? 0, thumbs?.n ?? 0),
        score: { n: score?.n ?? 0, mean: score?.n ? score.total / score.n : null },
      },
      evaluation: {
        passRate: rateOf(evalPass?.ups ?? 0, evalPass?.n ?? 0),
        score: { n: evalScore?.n ?? 0, mean: evalScore?.n ? evalScore.total / evalScore.n : null },
      },
    };
  });
  const control = results[0];
  for (const r of results.slice(1))
    r.vsControl = {
      errorRate: twoProportion(control.errorRate, r.errorRate, exp.minSamples),
      fallbackRate: twoProportion(control.fallbackRate, r.fallbackRate, exp.minSamples),
      thumbsUp: twoProportion(control.feedback.thumbsUp, r.feedback.thumbsUp, exp.minSamples),
      evalPass: twoProportion(control.evaluation.passRate, r.evaluation.passRate, exp.minSamples),
    };
  return results;
}
