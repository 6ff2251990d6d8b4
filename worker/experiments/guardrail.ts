// The guardrail: an arm whose error rate passes the experiment's threshold (after its minimum
// runs) is stopped, and its share goes to the other arms; with no arm left, the experiment stops
// and all traffic is back on the label. Checked when results are read and by the cron.
import type { ArmResult } from './results';
import { experimentResults } from './results';
import type { Experiment } from './schema';
import type { ExperimentStore } from './store';

/** The arms the guardrail would stop now, with why. */
export function tripped(exp: Experiment, results: ArmResult[]): { arm: string; reason: string }[] {
  const { maxErrorRate, minRuns } = exp.guardrail;
  return exp.arms
    .filter((a) => !a.stopped)
    .flatMap((a) => {
      const r = results.find((x) => x.arm === a.name);
      const rate = r?.errorRate.rate;
      if (!r || r.runs < minRuns || rate === null || rate === undefined || rate <= maxErrorRate) return [];
      const reason = `guardrail: error rate ${(rate * 100).toFixed(1)}% over ${r.runs} runs passed ${(maxErrorRate * 100).toFixed(1)}%`;
      return [{ arm: a.name, reason }];
    });
}

/** Applies the guardrail to a running experiment; answers the experiment as it now stands, with its results. */
export async function enforceGuardrail(
  store: ExperimentStore,
  db: D1Database,
  exp: Experiment,
): Promise<{ experiment: Experiment; results: ArmResult[] }> {
  const results = await experimentResults(db, exp);
  if (exp.status !== 'running') return { experiment: exp, results };
  const trips = tripped(exp, results);
  if (!trips.length) return { experiment: exp, results };
  const arms = exp.arms.map((a) => {
    const trip = trips.find((t) => t.arm === a.name);
    return trip ? { ...a, stopped: true, stoppedReason: trip.reason } : a;
  });
  const anyLive = arms.some((a) => !a.stopped && a.weight > 0);
  const at = new Date().toISOString();
  const next: Experiment = { ...exp, arms, ...(anyLive ? {} : { status: 'stopped' as const, stoppedAt: at }) };
  for (const t of trips) console.log(`weir: experiment ${exp.id} arm ${t.arm} stopped (${t.reason})`);
  try {
    const written = await store.write(exp.version, next);
    return { experiment: written, results: results.map((r) => ({ ...r, ...stoppedOf(written, r.arm) })) };
  } catch {
    // Someone else wrote first (a concurrent read or an admin): theirs stands; the next check sees it.
    return { experiment: await store.get(exp.id), results };
  }
}

function stoppedOf(exp: Experiment, arm: string): Partial<ArmResult> {
  const conf = exp.arms.find((a) => a.name === arm);
  return conf?.stopped ? { stopped: true, ...(conf.stoppedReason ? { stoppedReason: conf.stoppedReason } : {}) } : {};
}

/** The cron's pass: re-projects running experiments to KV and checks each one's guardrail. */
export async function guardRunningExperiments(store: ExperimentStore, db: D1Database): Promise<number> {
  const running = await store.reprojectRunning();
  let stopped = 0;
  for (const exp of running) {
    const { experiment } = await enforceGuardrail(store, db, exp);
    stopped += experiment.arms.filter((a) => a.stopped).length - exp.arms.filter((a) => a.stopped).length;
  }
  return stopped;
}
