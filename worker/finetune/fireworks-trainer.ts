// Fine-tuning over Fireworks' REST API (https://api.fireworks.ai/v1, per account): a dataset is
// created then uploaded (`datasets/{id}:upload`), a job is a supervisedFineTuningJob or a dpoJob,
// addressed by its resource name; `:cancel` stops it. Fireworks keeps no event list or checkpoint
// losses in this API, so events are derived from the job (state, progress, status message).
import { restClient } from './rest';
import { TrainerError, type CreateJobRequest, type JobEvent, type JobSnapshot, type JobStatus, type Trainer } from './trainer';

export interface FireworksTrainerOptions {
  name: string;
  baseURL: string;
  apiKey?: string;
  accountId: string;
  fetch?: typeof fetch;
}

interface FireworksJob {
  name: string;
  state?: string;
  status?: { code?: string; message?: string };
  baseModel?: string;
  outputModel?: string;
  trainingConfig?: { baseModel?: string; outputModel?: string };
  createTime?: string;
  completedTime?: string;
  updateTime?: string;
  jobProgress?: { percent?: number; epoch?: number; inputTokens?: number };
}

const statusOf: Record<string, JobStatus> = {
  JOB_STATE_CREATING: 'queued',
  JOB_STATE_PENDING: 'queued',
  JOB_STATE_RE_QUEUEING: 'queued',
  JOB_STATE_CREATING_INPUT_DATASET: 'validating',
  JOB_STATE_VALIDATING: 'validating',
  JOB_STATE_RUNNING: 'running',
  JOB_STATE_WRITING_RESULTS: 'running',
  JOB_STATE_CANCELLING: 'running',
  JOB_STATE_COMPLETED: 'succeeded',
  JOB_STATE_EARLY_STOPPED: 'succeeded',
  JOB_STATE_FAILED: 'failed',
  JOB_STATE_FAILED_CLEANING_UP: 'failed',
  JOB_STATE_EXPIRED: 'failed',
  JOB_STATE_CANCELLED: 'cancelled',
};

function snapshot(job: FireworksJob): JobSnapshot {
  const raw = job.state ?? 'JOB_STATE_UNSPECIFIED';
  const status = statusOf[raw] ?? 'queued';
  return {
    providerJobId: job.name,
    status,
    rawStatus: raw,
    fineTunedModel: status === 'succeeded' ? (job.outputModel ?? job.trainingConfig?.outputModel ?? null) : null,
    baseModel: job.baseModel ?? job.trainingConfig?.baseModel ?? '',
    trainedTokens: job.jobProgress?.inputTokens ?? null,
    costUsd: null,
    error: status === 'failed' ? { code: job.status?.code ?? 'failed', message: job.status?.message || 'the job failed' } : null,
    createdAt: job.createTime ?? null,
    finishedAt: job.completedTime ?? null,
  };
}

/** Fireworks resource ids: lowercase letters, digits and "-", at most 63 characters. */
const resourceId = (text: string) =>
  `${
    text
      .toLowerCase()
      .replace(/\.jsonl$/, '')
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'weir'
  }-${crypto.randomUUID().slice(0, 8)}`;

function derivedEvents(job: FireworksJob): JobEvent[] {
  const events: JobEvent[] = [];
  if (job.createTime) events.push({ id: 'created', at: job.createTime, level: 'info', message: 'job created', type: 'created' });
  const at = job.updateTime ?? job.createTime ?? new Date().toISOString();
  if (job.state)
    events.push({
      id: `state:${job.state}`,
      at,
      level: statusOf[job.state] === 'failed' ? 'error' : 'info',
      message: `state ${job.state}`,
      type: 'state',
    });
  const p = job.jobProgress;
  if (p?.epoch !== undefined)
    events.push({
      id: `progress:epoch-${p.epoch}`,
      at,
      level: 'info',
      message: `epoch ${p.epoch}${p.percent !== undefined ? `, ${p.percent}% done` : ''}`,
      type: 'progress',
    });
  if (job.status?.message)
    events.push({
      id: `status:${job.status.code ?? ''}:${job.status.message}`,
      at,
      level: job.state === 'JOB_STATE_FAILED' ? 'error' : 'info',
      message: job.status.message,
      type: 'status',
    });
  return events;
}

export function createFireworksTrainer(opts: FireworksTrainerOptions): Trainer {
  const rest = restClient({ trainer: opts.name, baseURL: opts.baseURL, apiKey: opts.apiKey, fetch: opts.fetch });
  const account = `/accounts/${encodeURIComponent(opts.accountId)}`;
  const byName = (name: string) => {
    if (!name.startsWith(`accounts/${opts.accountId}/`))
      throw new TrainerError('trainer_not_found', `trainer ${opts.name}: ${name} is not a job of account ${opts.accountId}`, 404);
    return `/${name}`;
  };
  return {
    name: opts.name,
    type: 'fireworks',
    supports: { dpo: true, providerEstimate: false, checkpoints: false },
    async uploadFile(name, jsonl, signal) {
      const datasetId = resourceId(name);
      const exampleCount = jsonl.split('\n').filter((l) => l.trim() !== '').length;
      await rest.json(
        'POST',
        `${account}/datasets`,
        { datasetId, dataset: { displayName: name, exampleCount: String(exampleCount), userUploaded: {} } },
        signal,
      );
      const form = new FormData();
      form.set('file', new File([jsonl], name, { type: 'application/jsonl' }));
      const uploaded = await rest.form<{ bytes?: number }>(`${account}/datasets/${datasetId}:upload`, form, signal);
      // Fireworks processes an upload before the dataset is READY; wait briefly so the job can start.
      let state: string | undefined;
      for (let attempt = 0; attempt < 10 && state !== 'READY'; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 1000));
        state = (await rest.json<{ state?: string }>('GET', `${account}/datasets/${datasetId}`, undefined, signal)).state;
      }
      return { id: `accounts/${opts.accountId}/datasets/${datasetId}`, bytes: uploaded.bytes ?? jsonl.length, ready: state === 'READY' };
    },
    estimate: async () => null,
    async createJob(req: CreateJobRequest, signal) {
      const h = req.hyperparameters;
      const outputModel = req.suffix ? `accounts/${opts.accountId}/models/${resourceId(req.suffix)}` : undefined;
      const training = {
        baseModel: req.baseModel,
        ...(outputModel ? { outputModel } : {}),
        ...(h.epochs !== undefined ? { epochs: h.epochs } : {}),
        ...(h.learningRate !== undefined ? { learningRate: h.learningRate } : {}),
        ...(h.loraRank !== undefined ? { loraRank: h.loraRank } : {}),
        ...(h.batchSize !== undefined ? { batchSize: h.batchSize } : {}),
      };
      const job =
        req.method === 'dpo'
          ? await rest.json<FireworksJob>(
              'POST',
              `${account}/dpoJobs`,
              {
                dataset: req.trainingFileId,
                displayName: req.suffix,
                trainingConfig: training,
                lossConfig: { method: 'DPO', ...(h.beta !== undefined ? { klBeta: h.beta } : {}) },
              },
              signal,
            )
          : await rest.json<FireworksJob>(
              'POST',
              `${account}/supervisedFineTuningJobs`,
              {
                dataset: req.trainingFileId,
                displayName: req.suffix,
                ...(req.validationFileId ? { evaluationDataset: req.validationFileId } : {}),
                ...training,
              },
              signal,
            );
      return snapshot(job);
    },
    getJob: async (id, signal) => snapshot(await rest.json<FireworksJob>('GET', byName(id), undefined, signal)),
    async listJobs(signal) {
      const [sft, dpo] = await Promise.all([
        rest.json<{ supervisedFineTuningJobs?: FireworksJob[] }>('GET', `${account}/supervisedFineTuningJobs`, undefined, signal),
        rest.json<{ dpoJobs?: FireworksJob[] }>('GET', `${account}/dpoJobs`, undefined, signal),
      ]);
      return [...(sft.supervisedFineTuningJobs ?? []), ...(dpo.dpoJobs ?? [])].map(snapshot);
    },
    events: async (id, signal) => derivedEvents(await rest.json<FireworksJob>('GET', byName(id), undefined, signal)),
    checkpoints: async () => [],
    cancel: async (id, signal) => snapshot(await rest.json<FireworksJob>('POST', `${byName(id)}:cancel`, {}, signal)),
  };
}
