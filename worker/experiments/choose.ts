// Where an experiment meets a run: for a request with no pin, the flow's running experiment (if
// any) picks the arm by subject, and the arm's version or label is what runs. Shadow runs start
// here too, after the answer, never on its path. Used by the edge URL and chat completions.
import type { Context } from 'hono';
import { checkInput, hasErrors } from '../engine';
import type { AppEnv } from '../http/env';
import { inBackground } from '../runs/background';
import { executeRun, type RunDeps } from '../runs/execute';
import type { RunRequest } from '../runs/result';
import type { Runnable } from '../runs/runnable';
import { parseFlowRef, type ResolvedFlow } from '../store';
import { assignArm, inSample } from './assign';
import { liveEvaluation } from './evaluate';
import { liveExperiment } from './live';
import type { Experiment } from './schema';

export interface Chosen {
  runnable: Runnable;
  experiment?: { id: string; arm: string };
  /** The experiment's live evaluation of this run, when it has one (evaluate.ts). */
  evaluation?: Pick<RunRequest, 'afterRecord'>;
  /** The shadow candidate to run in the background for this request, if sampled. */
  shadow?: { experiment: Experiment; resolved: ResolvedFlow; evaluation: Pick<RunRequest, 'afterRecord'> };
}

/** The subject: the Weir-Subject header, else the configured input field, else the caller's key id. */
export function subjectOf(c: Context<AppEnv>, exp: Experiment, runnable: Runnable, input: Record<string, unknown>): string {
  const header = c.req.header('weir-subject')?.trim();
  if (header) return `h:${header.slice(0, 256)}`;
  const field = exp.subjectField ? input[exp.subjectField] : undefined;
  if (typeof field === 'string' || typeof field === 'number') return `f:${String(field).slice(0, 256)}`;
  if (runnable.who.keyId) return `k:${runnable.who.keyId}`;
  // Anonymous callers without a subject cannot be kept sticky: each request is its own subject.
  return `r:${crypto.randomUUID()}`;
}

async function runnableRef(c: Context<AppEnv>, flowId: string, ref: string): Promise<ResolvedFlow | undefined> {
  const parsed = parseFlowRef(ref);
  const resolved = parsed && (await c.var.stores.resolveFlow(flowId, parsed));
  if (!resolved || resolved.retired || !resolved.parsed.flow || !resolved.parsed.valid) return undefined;
  return resolved;
}

/** The version this request runs under the flow's experiment; the request as it was when none applies. */
export async function chooseArm(c: Context<AppEnv>, runnable: Runnable, input: Record<string, unknown>): Promise<Chosen> {
  if (runnable.ref !== undefined) return { runnable };
  const exp = await liveExperiment(c.env.WEIR_KV, runnable.resolved.id);
  if (!exp) return { runnable };
  const subject = subjectOf(c, exp, runnable, input);
  const salt = exp.salt ?? exp.id;
  const arm = assignArm(exp.arms, salt, subject);
  let chosen: Chosen = { runnable };
  if (arm) {
    const resolved = await runnableRef(c, runnable.resolved.id, arm.ref);
    const flow = resolved?.parsed.flow;
    // An arm that cannot run this input (gone, retired, invalid, other input fields) leaves the
    // request on the flow's default: an experiment never turns a good request into an error.
    if (resolved && flow && !hasErrors(checkInput(flow, input)))
      chosen = {
        runnable: { ...runnable, resolved, flow },
        experiment: { id: exp.id, arm: arm.name },
        evaluation: liveEvaluation(c.env, exp, input),
      };
    else console.error(`weir: experiment ${exp.id} arm ${arm.name} (${arm.ref}) cannot run; the default answered`);
  }
  if (exp.shadow && inSample(salt, subject, exp.shadow.sample)) {
    const resolved = await runnableRef(c, runnable.resolved.id, exp.shadow.ref);
    if (resolved?.parsed.flow && !hasErrors(checkInput(resolved.parsed.flow, input)))
      chosen.shadow = { experiment: exp, resolved, evaluation: liveEvaluation(c.env, exp, input) };
  }
  return chosen;
}

/** Runs the shadow candidate after the answer; logged with source `experiment`, never answers. */
export function runShadow(deps: RunDeps, req: RunRequest, chosen: Chosen): void {
  const shadow = chosen.shadow;
  const flow = shadow?.resolved.parsed.flow;
  if (!shadow || !flow) return;
  const shadowReq: RunRequest = {
    flow,
    resolved: shadow.resolved,
    input: req.input,
    who: req.who,
    ref: shadow.experiment.shadow?.ref,
    source: 'experiment',
    experiment: { id: shadow.experiment.id, arm: 'shadow' },
    ...shadow.evaluation,
  };
  // A timer turn first, so the candidate starts after the answer's own run, never before it.
  const afterAnswer = new Promise<void>((resolve) => setTimeout(resolve, 0));
  inBackground(
    deps.waitUntil,
    afterAnswer.then(() => executeRun(deps, shadowReq)),
  );
}

/** The run request's experiment field (and live evaluation), when an arm chose the version. */
export const experimentOf = (chosen: Chosen): Pick<RunRequest, 'experiment' | 'afterRecord'> =>
  chosen.experiment ? { experiment: chosen.experiment, ...chosen.evaluation } : {};

/** `Weir-Experiment` and `Weir-Experiment-Arm` on answers an experiment chose. */
export function setExperimentHeaders(c: Context<AppEnv>, chosen: Chosen): void {
  if (!chosen.experiment) return;
  c.header('Weir-Experiment', chosen.experiment.id);
  c.header('Weir-Experiment-Arm', chosen.experiment.arm);
}
