// Live evaluation of an experiment: on a sample of its runs (each arm's and the shadow's), the
// eval assertions (worker/evals/assertions, a judge included) run after the run is in the run log,
// and the verdict is stored with the run as scores with source `eval`: `eval_pass` (1 or 0, with
// the names of the assertions that failed) and `eval_score` (the weighted score, 0..1). Per-arm
// results read them back with the same statistics as feedback.
import { modelCost, sumCosts } from '../costs/cost';
import { evaluateAssertion, scoreItem, type Judge, type Observation } from '../evals/assertions';
import type { Bindings } from '../http/env';
import type { RunRequest, RunResult } from '../runs/result';
import { providerRuntime } from '../runs/runtime';
import { unitPoint } from './assign';
import type { ExperimentEvaluate } from './evaluate-schema';

export { experimentEvaluate, type ExperimentEvaluate } from './evaluate-schema';

export const EVAL_SCORE_NAMES = { pass: 'eval_pass', score: 'eval_score' } as const;

/** Whether this run is in the evaluated sample: a point from its id, independent of subject and arm. */
export const inEvalSample = (salt: string, runId: string, sample: number): boolean => unitPoint(`${salt}\u0000eval`, runId) < sample;

function observation(input: Record<string, unknown>, result: RunResult): Observation {
  const priced = result.trace.filter((e) => e.tokens && e.model);
  return {
    input,
    output: result.status === 'ok' ? result.output : undefined,
    status: result.status,
    ...(result.status === 'failed' ? { error: result.error } : {}),
    trace: result.trace,
    usage: result.usage,
    latencyMs: result.durationMs,
    costUsd: priced.length ? sumCosts(priced.map((e) => modelCost(e.model!, e.tokens!))) : 0,
  };
}

/** Evaluates one recorded run and stores its scores; returns them (tests read them). */
export async function evaluateRun(
  env: Bindings,
  config: ExperimentEvaluate,
  input: Record<string, unknown>,
  result: RunResult,
  now = Date.now(),
): Promise<{ pass: boolean; score: number; failed: string[] }> {
  const judge: Judge | undefined = config.judge ? { llm: providerRuntime(env).client, config: config.judge } : undefined;
  const obs = observation(input, result);
  const results = await Promise.all(config.assertions.map((a) => evaluateAssertion(a, obs, judge)));
  const { pass, score } = scoreItem(results, result.status === 'ok', config.threshold);
  // Only the assertions' names: their reasons may quote the input or output, which redaction may hide.
  const failed = results.filter((r) => !r.pass && r.weight > 0).map((r) => r.name);
  const row = env.WEIR_DB.prepare(
    `INSERT INTO run_scores (id, run_id, created_at, name, value, text, source, key_id) VALUES (?, ?, ?, ?, ?, ?, 'eval', NULL)`,
  );
  await env.WEIR_DB.batch([
    row.bind(crypto.randomUUID(), result.runId, now, EVAL_SCORE_NAMES.pass, pass ? 1 : 0, failed.length ? JSON.stringify(failed) : null),
    row.bind(crypto.randomUUID(), result.runId, now, EVAL_SCORE_NAMES.score, score, null),
  ]);
  return { pass, score, failed };
}

/** The run request's hook for an experiment that evaluates a sample of its traffic. */
export function liveEvaluation(
  env: Bindings,
  exp: { id: string; salt?: string; evaluate?: ExperimentEvaluate },
  input: Record<string, unknown>,
): Pick<RunRequest, 'afterRecord'> {
  const config = exp.evaluate;
  if (!config || config.sample <= 0) return {};
  return {
    afterRecord: async (result) => {
      if (inEvalSample(exp.salt ?? exp.id, result.runId, config.sample)) await evaluateRun(env, config, input, result);
    },
  };
}
