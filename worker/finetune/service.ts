// Starting, cancelling and following fine-tuning jobs: the one place routes (and later the
// editor) go through. Start = check and estimate offline, upload, ask the provider for its own
// estimate where it has one, create the job, record it, and hand it to the follow-job Workflow.
import { ApiError } from '../http/errors';
import { planFinetune, type FinetunePlan } from './estimate';
import type { ReadyRequest } from './request';
import type { FinetuneJob, FinetuneStore } from './store/types';
import { TERMINAL, type Trainer } from './trainer';
import { createTrainer, trainerSpecsFromEnv, type TrainerSpec } from './trainer-config';

export interface FollowParams {
  jobId: string;
}

export interface FinetuneDeps {
  store: FinetuneStore;
  env: Record<string, unknown>;
  /** The follow-job Workflow binding; without it jobs are recorded but not followed. */
  workflow?: Workflow<FollowParams>;
  now?: () => string;
  /** Tests pass a trainer directly; otherwise it is built from TRAINERS. */
  trainerFor?: (name: string, spec: TrainerSpec) => Trainer;
}

export function trainerSpec(env: Record<string, unknown>, name: string): TrainerSpec {
  const specs = trainerSpecsFromEnv(env);
  const spec = specs[name];
  if (spec) return spec;
  const known = Object.keys(specs);
  throw new ApiError(
    known.length ? 404 : 503,
    known.length ? 'trainer_not_found' : 'no_trainers',
    known.length ? `No trainer "${name}"; configured: ${known.join(', ')}.` : 'No trainers are configured; set TRAINERS (see the README).',
  );
}

export async function validateFinetune(deps: FinetuneDeps, req: ReadyRequest): Promise<FinetunePlan & { trainer: string; type: string }> {
  const spec = trainerSpec(deps.env, req.trainer);
  const plan = await planFinetune(req, spec);
  if (req.maxCostUsd !== undefined && plan.estimate.costUsd !== null && plan.estimate.costUsd > req.maxCostUsd)
    plan.problems.push({
      code: 'over_budget',
      message: `the estimate $${plan.estimate.costUsd} is above maxCostUsd $${req.maxCostUsd}`,
      path: 'maxCostUsd',
      severity: 'error',
    });
  plan.valid = !plan.problems.some((p) => p.severity === 'error');
  return { ...plan, trainer: req.trainer, type: spec.type };
}

const newId = () => `ftj_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;

export async function startFinetune(deps: FinetuneDeps, req: ReadyRequest): Promise<{ job: FinetuneJob; plan: FinetunePlan }> {
  const now = deps.now ?? (() => new Date().toISOString());
  const spec = trainerSpec(deps.env, req.trainer);
  const plan = await validateFinetune(deps, req);
  if (!plan.valid)
    throw new ApiError(422, 'invalid_training_data', `The training data cannot be used: ${plan.problems[0].message}`, plan.problems);
  const trainer = (deps.trainerFor ?? ((n, s) => createTrainer(n, s)))(req.trainer, spec);
  if (req.method === 'dpo' && !trainer.supports.dpo)
    throw new ApiError(422, 'method_unsupported', `Trainer ${req.trainer} cannot run DPO.`);
  const stem = req.dataset.name ?? 'weir';
  const trainingFile = await trainer.uploadFile(`${stem}-train.jsonl`, req.training);
  const validationFile = req.validation ? await trainer.uploadFile(`${stem}-validation.jsonl`, req.validation) : undefined;
  const createReq = {
    baseModel: req.baseModel,
    method: req.method,
    trainingFileId: trainingFile.id,
    validationFileId: validationFile?.id,
    hyperparameters: req.hyperparameters,
    suffix: req.suffix,
  };
  const providerEstimate = trainer.supports.providerEstimate ? await trainer.estimate(createReq).catch(() => null) : null;
  const estimate =
    providerEstimate?.costUsd != null
      ? { costUsd: providerEstimate.costUsd, source: providerEstimate.source }
      : { costUsd: plan.estimate.costUsd, source: plan.estimate.source };
  if (req.maxCostUsd !== undefined && estimate.costUsd !== null && estimate.costUsd > req.maxCostUsd)
    throw new ApiError(
      422,
      'over_budget',
      `The provider's estimate $${estimate.costUsd} is above maxCostUsd $${req.maxCostUsd}; nothing was started.`,
    );
  const snap = await trainer.createJob(createReq);
  const at = now();
  const job: FinetuneJob = {
    id: newId(),
    trainer: req.trainer,
    trainerType: spec.type,
    providerJobId: snap.providerJobId,
    baseModel: req.baseModel,
    method: req.method,
    suffix: req.suffix ?? null,
    hyperparameters: req.hyperparameters,
    datasetName: req.dataset.name ?? null,
    datasetHash: plan.datasetHash,
    trainingFileId: trainingFile.id,
    validationFileId: validationFile?.id ?? null,
    trainExamples: plan.trainExamples,
    validationExamples: plan.validationExamples,
    trainTokens: plan.trainTokens,
    estimatedCostUsd: estimate.costUsd,
    estimateSource: estimate.source,
    status: snap.status,
    rawStatus: snap.rawStatus,
    error: snap.error,
    fineTunedModel: snap.fineTunedModel,
    trainedTokens: snap.trainedTokens,
    trainingCostUsd: snap.costUsd,
    workflowId: null,
    createdAt: at,
    updatedAt: at,
    finishedAt: null,
    target: req.target ?? null,
    evalRunId: null,
    evalError: null,
    adopted: null,
  };
  await deps.store.createJob(job);
  await deps.store.addEvents(job.id, [
    {
      id: 'weir:created',
      at,
      level: 'info',
      message: `started on ${req.trainer} (${spec.type}) as ${snap.providerJobId}, status ${snap.rawStatus}${req.target ? `, for ${req.target.flow} node ${req.target.node}` : ''}`,
      type: 'status',
    },
  ]);
  try {
    job.workflowId = await follow(deps, job.id);
  } catch (err) {
    // The job runs at the provider whatever happens here; say so rather than answer 500.
    const message = err instanceof Error ? err.message : String(err);
    await deps.store.addEvents(job.id, [
      {
        id: 'weir:follow-failed',
        at: now(),
        level: 'error',
        message: `could not start following: ${message}; POST /v1/finetunes/${job.id}/follow retries`,
        type: 'follow',
      },
    ]);
  }
  return { job, plan };
}

/** Starts (or restarts) the Workflow that follows a job; returns its instance id. */
export async function follow(deps: FinetuneDeps, jobId: string): Promise<string | null> {
  if (!deps.workflow) return null;
  const id = `${jobId}-${Date.now().toString(36)}`;
  await deps.workflow.create({ id, params: { jobId } });
  await deps.store.updateJob(jobId, { workflowId: id });
  return id;
}

export async function getJob(store: FinetuneStore, id: string): Promise<FinetuneJob> {
  const job = await store.getJob(id);
  if (!job) throw new ApiError(404, 'not_found', `No fine-tuning job ${id}.`);
  return job;
}

export async function cancelFinetune(deps: FinetuneDeps, id: string): Promise<FinetuneJob> {
  const now = deps.now ?? (() => new Date().toISOString());
  const job = await getJob(deps.store, id);
  if (TERMINAL.has(job.status))
    throw new ApiError(409, 'conflict', `The job has already ${job.status === 'succeeded' ? 'succeeded' : job.status}.`);
  const spec = trainerSpec(deps.env, job.trainer);
  const trainer = (deps.trainerFor ?? ((n, s) => createTrainer(n, s)))(job.trainer, spec);
  const snap = await trainer.cancel(job.providerJobId!);
  const at = now();
  await deps.store.recordSnapshot(id, snap, at);
  await deps.store.addEvents(id, [
    { id: 'weir:cancel-requested', at, level: 'info', message: `cancel requested; provider status ${snap.rawStatus}`, type: 'status' },
  ]);
  return getJob(deps.store, id);
}
