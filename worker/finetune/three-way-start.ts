// Starting a job's three-way eval run: when the follow-job Workflow sees the job succeed, and on
// POST /v1/finetunes/:id/evaluate. It builds the eval (three-way.ts) from the job, its target's
// draft, the registry entry and the flow's own eval on the same dataset (for its assertions), starts
// it as an eval run with source "finetune" labelled with the job id, and records the run on the
// job; when it cannot, the job keeps why (evalError) and an event says so. Nothing is thrown.
import { startEvalRun } from '../eval-runs/start';
import type { EvalFile } from '../evals/schema';
import type { Bindings } from '../http/env';
import { ApiError } from '../http/errors';
import { buildStores, type Stores } from '../http/stores';
import { describeProviders } from '../providers';
import { providerRuntime } from '../runs/runtime';
import type { FinetuneStore, JobTarget } from './store/types';
import { threeWayEval, ThreeWayError } from './three-way';

export type ThreeWayOutcome = { evalRunId: string; error?: undefined } | { evalRunId: null; error: string };

function providerNames(env: Bindings): string[] {
  try {
    return describeProviders(providerRuntime(env).config).map((p) => p.name);
  } catch {
    return [];
  }
}

/** The flow's own eval on this dataset, if it has one: its assertions and judge say what "good" is. */
async function templateFor(stores: Stores, flow: string, dataset: string): Promise<EvalFile | undefined> {
  const listed = (await stores.evals.list(flow)).filter((e) => e.dataset === dataset);
  if (!listed.length) return undefined;
  return (await stores.evals.get(listed[0].name))?.definition;
}

function explain(err: unknown): string {
  if (err instanceof ApiError) {
    const first = err.issues?.find((i) => i.severity === 'error');
    return `${err.message}${first ? ` (${first.path}: ${first.message})` : ''}`;
  }
  if (err instanceof ThreeWayError) return err.message;
  throw err;
}

export async function startThreeWay(
  env: Bindings,
  store: FinetuneStore,
  jobId: string,
  opts: { target?: JobTarget; stores?: Stores; force?: boolean } = {},
): Promise<ThreeWayOutcome> {
  const job = await store.getJob(jobId);
  if (!job) return { evalRunId: null, error: `no fine-tuning job ${jobId}` };
  if (job.evalRunId && !opts.force) return { evalRunId: job.evalRunId };
  const at = new Date().toISOString();
  const target = opts.target ?? job.target;
  const fail = async (error: string): Promise<ThreeWayOutcome> => {
    await store.updateJob(jobId, { evalError: error });
    await store.addEvents(jobId, [
      { id: `weir:three-way-skipped:${at}`, at, level: 'warning', message: `no three-way eval: ${error}`, type: 'eval' },
    ]);
    return { evalRunId: null, error };
  };
  if (job.status !== 'succeeded' || !job.fineTunedModel) return fail(`the job is ${job.status}, not succeeded`);
  if (!target) return fail('the job names no flow and node (target); POST /v1/finetunes/:id/evaluate with {flow, node} starts one');
  if (!job.datasetName) return fail('the job names no dataset to evaluate on');
  const stores = opts.stores ?? buildStores(env);
  try {
    const draft = await stores.resolveFlow(target.flow, { kind: 'draft' });
    if (!draft?.parsed.flow) return fail(`flow "${target.flow}" is missing or has problems`);
    const definition = threeWayEval({
      job,
      target,
      flow: draft.parsed.flow,
      registry: await store.model(job.fineTunedModel),
      providers: providerNames(env),
      template: await templateFor(stores, target.flow, job.datasetName),
    });
    const run = await startEvalRun(env, stores, { eval: definition, source: 'finetune', label: job.id });
    await store.updateJob(jobId, { evalRunId: run.id, evalError: null, ...(opts.target ? { target } : {}) });
    await store.addEvents(jobId, [
      {
        id: `weir:three-way:${run.id}`,
        at,
        level: 'info',
        message: `three-way eval run ${run.id} started on ${target.flow} node ${target.node} (${run.total} cells): base+prompt, finetuned, finetuned+prompt`,
        type: 'eval',
      },
    ]);
    return { evalRunId: run.id };
  } catch (err) {
    return fail(explain(err));
  }
}
