// One poll of a fine-tuning job, as the follow-job Workflow runs it each step: read the
// provider's status, events and checkpoints, and record what is new. Recording is idempotent, so
// a retried or replayed step changes nothing twice. On success the tuned model is registered.
import { priceFor, usd } from './prices';
import type { FinetuneJob, FinetuneStore, RegistryEntry } from './store/types';
import { TERMINAL, type JobStatus, type Trainer } from './trainer';
import type { TrainerSpec } from './trainer-config';

export interface PollResult {
  status: JobStatus;
  rawStatus: string;
  terminal: boolean;
  changed: boolean;
  newEvents: number;
  newCheckpoints: number;
  fineTunedModel: string | null;
}

export async function pollJob(
  store: FinetuneStore,
  trainer: Trainer,
  jobId: string,
  now = () => new Date().toISOString(),
): Promise<PollResult> {
  const job = await store.getJob(jobId);
  if (!job?.providerJobId) throw new Error(`fine-tuning job ${jobId} has no provider job`);
  const snap = await trainer.getJob(job.providerJobId);
  const at = now();
  const { changed, previous } = await store.recordSnapshot(jobId, snap, at);
  if (snap.costUsd !== null) await store.updateJob(jobId, { trainingCostUsd: snap.costUsd });
  let newEvents = 0;
  if (changed)
    newEvents += await store.addEvents(jobId, [
      {
        id: `weir:status:${snap.rawStatus}`,
        at,
        level: snap.status === 'failed' ? 'error' : 'info',
        message: `status ${previous.status} → ${snap.status} (${snap.rawStatus})${snap.error ? `: ${snap.error.message}` : ''}`,
        type: 'status',
      },
    ]);
  newEvents += await store.addEvents(jobId, await trainer.events(job.providerJobId));
  const newCheckpoints = trainer.supports.checkpoints ? await store.putCheckpoints(jobId, await trainer.checkpoints(job.providerJobId)) : 0;
  return {
    status: snap.status,
    rawStatus: snap.rawStatus,
    terminal: TERMINAL.has(snap.status),
    changed,
    newEvents,
    newCheckpoints,
    fineTunedModel: snap.fineTunedModel,
  };
}

/** What training cost: the provider's bill, else trained tokens at the training price, else the estimate. */
export function trainingCost(job: FinetuneJob, spec?: TrainerSpec): { usd: number | null; source: RegistryEntry['trainingCostSource'] } {
  if (job.trainingCostUsd !== null) return { usd: job.trainingCostUsd, source: 'provider' };
  const perMTok = priceFor(job.baseModel, spec).price.trainingPerMTok;
  if (job.trainedTokens !== null && perMTok !== undefined)
    return { usd: usd((job.trainedTokens * perMTok) / 1e6), source: 'trained_tokens' };
  if (job.estimatedCostUsd !== null) return { usd: job.estimatedCostUsd, source: 'estimate' };
  return { usd: null, source: null };
}

/** Adds a succeeded job's model to the registry (again is harmless). */
export async function registerModel(
  store: FinetuneStore,
  jobId: string,
  spec?: TrainerSpec,
  now = () => new Date().toISOString(),
): Promise<RegistryEntry | null> {
  const job = await store.getJob(jobId);
  if (!job?.fineTunedModel || job.status !== 'succeeded') return null;
  const existing = await store.model(job.fineTunedModel);
  const { price } = priceFor(job.baseModel, spec);
  const cost = trainingCost(job, spec);
  const at = now();
  const entry: RegistryEntry = {
    model: job.fineTunedModel,
    provider: existing?.provider ?? spec?.provider ?? job.trainer,
    trainer: job.trainer,
    baseModel: job.baseModel,
    datasetName: job.datasetName,
    datasetHash: job.datasetHash,
    jobId: job.id,
    trainingCostUsd: cost.usd,
    trainingCostSource: cost.source,
    prices: existing?.prices ?? {
      inputPerMTok: price.inputPerMTok ?? null,
      cachedInputPerMTok: price.cachedInputPerMTok ?? null,
      outputPerMTok: price.outputPerMTok ?? null,
    },
    hostingPerHour: existing?.hostingPerHour ?? price.hostingPerHour ?? null,
    retiresAt: existing?.retiresAt ?? price.retires ?? null,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
  await store.register(entry);
  return entry;
}
