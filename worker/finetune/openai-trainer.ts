// Fine-tuning over OpenAI's wire API through the official SDK's `files` and `fineTuning.jobs`:
// OpenAI itself, and Azure OpenAI (its base URL, an `api-version` query and the `api-key` header).
import OpenAI, { toFile } from 'openai';
import type { FineTuningJob, JobCreateParams } from 'openai/resources/fine-tuning/jobs/jobs';
import { isoFromSeconds, type Checkpoint, type CreateJobRequest, type JobSnapshot, type JobStatus, type Trainer } from './trainer';
import { toTrainerError } from './trainer-errors';

export interface OpenAITrainerOptions {
  name: string;
  baseURL: string;
  apiKey?: string;
  /** Azure OpenAI: sent as `?api-version=`, and the key also as `api-key`. */
  apiVersion?: string;
  fetch?: typeof fetch;
}

const statusOf: Record<FineTuningJob['status'], JobStatus> = {
  validating_files: 'validating',
  queued: 'queued',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

function snapshot(job: FineTuningJob): JobSnapshot {
  return {
    providerJobId: job.id,
    status: statusOf[job.status] ?? 'running',
    rawStatus: job.status,
    fineTunedModel: job.fine_tuned_model ?? null,
    baseModel: job.model,
    trainedTokens: job.trained_tokens ?? null,
    costUsd: null,
    error: job.error ? { code: job.error.code || 'failed', message: job.error.message } : null,
    createdAt: isoFromSeconds(job.created_at),
    finishedAt: isoFromSeconds(job.finished_at),
  };
}

function method(req: CreateJobRequest): JobCreateParams.Method {
  const h = req.hyperparameters;
  const common = {
    ...(h.epochs !== undefined ? { n_epochs: h.epochs } : {}),
    ...(h.batchSize !== undefined ? { batch_size: h.batchSize } : {}),
    ...(h.learningRate !== undefined ? { learning_rate_multiplier: h.learningRate } : {}),
  };
  if (req.method === 'dpo')
    return { type: 'dpo', dpo: { hyperparameters: { ...common, ...(h.beta !== undefined ? { beta: h.beta } : {}) } } };
  return { type: 'supervised', supervised: { hyperparameters: common } };
}

export function createOpenAITrainer(opts: OpenAITrainerOptions): Trainer {
  const baseFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const client = new OpenAI({
    apiKey: opts.apiKey || 'unused',
    baseURL: opts.baseURL,
    organization: null,
    project: null,
    webhookSecret: null,
    maxRetries: 2,
    timeout: 60_000,
    logLevel: 'off',
    ...(opts.apiVersion ? { defaultQuery: { 'api-version': opts.apiVersion }, defaultHeaders: { 'api-key': opts.apiKey ?? '' } } : {}),
    // Azure takes the key as `api-key` only; a bearer header would be read as an Entra ID token.
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (opts.apiKey && !opts.apiVersion) return baseFetch(input, init);
      const headers = new Headers(init?.headers);
      headers.delete('authorization');
      return baseFetch(input, { ...init, headers });
    }) as never,
  });
  const secrets = [opts.apiKey];
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw toTrainerError(opts.name, err, secrets);
    }
  };

  return {
    name: opts.name,
    type: 'openai',
    supports: { dpo: true, providerEstimate: false, checkpoints: true },
    uploadFile: (name, jsonl, signal) =>
      call(async () => {
        const file = await client.files.create(
          { file: await toFile(new TextEncoder().encode(jsonl), name, { type: 'application/jsonl' }), purpose: 'fine-tune' },
          { signal },
        );
        return { id: file.id, bytes: file.bytes, ready: file.status !== 'error' };
      }),
    estimate: async () => null,
    createJob: (req, signal) =>
      call(async () =>
        snapshot(
          await client.fineTuning.jobs.create(
            {
              model: req.baseModel,
              training_file: req.trainingFileId,
              ...(req.validationFileId ? { validation_file: req.validationFileId } : {}),
              ...(req.suffix ? { suffix: req.suffix } : {}),
              method: method(req),
            },
            { signal },
          ),
        ),
      ),
    getJob: (id, signal) => call(async () => snapshot(await client.fineTuning.jobs.retrieve(id, { signal }))),
    listJobs: (signal) => call(async () => (await client.fineTuning.jobs.list({ limit: 100 }, { signal })).data.map(snapshot)),
    events: (id, signal) =>
      call(async () => {
        const page = await client.fineTuning.jobs.listEvents(id, { limit: 100 }, { signal });
        return page.data
          .map((e) => ({
            id: e.id,
            at: isoFromSeconds(e.created_at) ?? new Date(0).toISOString(),
            level: e.level === 'warn' ? ('warning' as const) : e.level,
            message: e.message,
            type: e.type,
          }))
          .reverse(); // OpenAI lists newest first
      }),
    checkpoints: (id, signal) =>
      call(async () => {
        const page = await client.fineTuning.jobs.checkpoints.list(id, { limit: 100 }, { signal });
        return page.data
          .map((c): Checkpoint => ({
            step: c.step_number,
            at: isoFromSeconds(c.created_at),
            trainLoss: c.metrics.train_loss ?? null,
            validLoss: c.metrics.valid_loss ?? c.metrics.full_valid_loss ?? null,
            model: c.fine_tuned_model_checkpoint ?? null,
          }))
          .sort((a, b) => a.step - b.step);
      }),
    cancel: (id, signal) => call(async () => snapshot(await client.fineTuning.jobs.cancel(id, { signal }))),
  };
}
