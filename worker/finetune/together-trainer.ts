// Fine-tuning over Together's REST API (https://api.together.xyz/v1): /files/upload,
// /fine-tunes (create, list, get, cancel, events, checkpoints, metrics) and
// /fine-tunes/estimate-price. Loss per checkpoint comes from /metrics (train/loss at the step).
import { restClient } from './rest';
import {
  TrainerError,
  type Checkpoint,
  type CreateJobRequest,
  type JobEvent,
  type JobSnapshot,
  type JobStatus,
  type Trainer,
} from './trainer';

export interface TogetherTrainerOptions {
  name: string;
  baseURL: string;
  apiKey?: string;
  /** LoRA (Together's default) or full fine-tuning. */
  trainingType?: 'lora' | 'full';
  fetch?: typeof fetch;
}

interface TogetherEvent {
  created_at?: string;
  level?: string | null;
  message?: string;
  type?: string;
  hash?: string;
  step?: number;
}

interface TogetherJob {
  id: string;
  status: string;
  model?: string;
  model_output_name?: string | null;
  token_count?: number | null;
  created_at?: string;
  updated_at?: string;
  events?: TogetherEvent[];
}

const statusOf: Record<string, JobStatus> = {
  pending: 'queued',
  queued: 'queued',
  running: 'running',
  compressing: 'running',
  uploading: 'running',
  cancel_requested: 'running',
  cancelled: 'cancelled',
  error: 'failed',
  completed: 'succeeded',
};

const levelOf = (level: string | null | undefined): JobEvent['level'] =>
  level?.includes('error') ? 'error' : level?.includes('warn') ? 'warning' : 'info';

function snapshot(job: TogetherJob): JobSnapshot {
  const status = statusOf[job.status] ?? 'running';
  const lastError = [...(job.events ?? [])].reverse().find((e) => levelOf(e.level) === 'error' || e.type === 'job_error');
  return {
    providerJobId: job.id,
    status,
    rawStatus: job.status,
    fineTunedModel: status === 'succeeded' ? (job.model_output_name ?? null) : null,
    baseModel: job.model ?? '',
    trainedTokens: job.token_count ?? null,
    costUsd: null,
    error: status === 'failed' ? { code: 'job_error', message: lastError?.message ?? 'the job failed' } : null,
    createdAt: job.created_at ?? null,
    finishedAt: status === 'succeeded' || status === 'failed' || status === 'cancelled' ? (job.updated_at ?? null) : null,
  };
}

function createBody(req: CreateJobRequest, trainingType: 'lora' | 'full') {
  const h = req.hyperparameters;
  return {
    model: req.baseModel,
    training_file: req.trainingFileId,
    ...(req.validationFileId ? { validation_file: req.validationFileId, n_evals: 1 } : {}),
    ...(h.epochs !== undefined ? { n_epochs: h.epochs, n_checkpoints: h.epochs } : {}),
    ...(h.batchSize !== undefined ? { batch_size: h.batchSize } : {}),
    ...(h.learningRate !== undefined ? { learning_rate: h.learningRate } : {}),
    ...(req.suffix ? { suffix: req.suffix } : {}),
    training_method: req.method === 'dpo' ? { method: 'dpo', ...(h.beta !== undefined ? { dpo_beta: h.beta } : {}) } : { method: 'sft' },
    training_type:
      trainingType === 'full' ? { type: 'Full' } : { type: 'Lora', ...(h.loraRank !== undefined ? { lora_r: h.loraRank } : {}) },
  };
}

export function createTogetherTrainer(opts: TogetherTrainerOptions): Trainer {
  const rest = restClient({ trainer: opts.name, baseURL: opts.baseURL, apiKey: opts.apiKey, fetch: opts.fetch });
  const path = (id: string) => `/fine-tunes/${encodeURIComponent(id)}`;
  return {
    name: opts.name,
    type: 'together',
    supports: { dpo: true, providerEstimate: true, checkpoints: true },
    async uploadFile(name, jsonl, signal) {
      const form = new FormData();
      form.set('purpose', 'fine-tune');
      form.set('file_name', name);
      form.set('file_type', 'jsonl');
      form.set('file', new File([jsonl], name, { type: 'application/jsonl' }));
      const file = await rest.form<{ id: string; bytes?: number; Processed?: boolean }>('/files/upload', form, signal);
      return { id: file.id, bytes: file.bytes ?? jsonl.length, ready: file.Processed !== false };
    },
    async estimate(req, signal) {
      const body = createBody(req, opts.trainingType ?? 'lora');
      const est = await rest.json<{ estimated_total_price?: number; estimated_train_token_count?: number }>(
        'POST',
        '/fine-tunes/estimate-price',
        {
          training_file: body.training_file,
          validation_file: body.validation_file,
          model: body.model,
          n_epochs: body.n_epochs,
          training_method: body.training_method,
          training_type: body.training_type,
        },
        signal,
      );
      return {
        costUsd: est.estimated_total_price ?? null,
        trainTokens: est.estimated_train_token_count ?? null,
        source: 'together /fine-tunes/estimate-price',
      };
    },
    createJob: async (req, signal) =>
      snapshot(await rest.json<TogetherJob>('POST', '/fine-tunes', createBody(req, opts.trainingType ?? 'lora'), signal)),
    getJob: async (id, signal) => snapshot(await rest.json<TogetherJob>('GET', path(id), undefined, signal)),
    listJobs: async (signal) => (await rest.json<{ data: TogetherJob[] }>('GET', '/fine-tunes', undefined, signal)).data.map(snapshot),
    async events(id, signal) {
      const { data } = await rest.json<{ data: TogetherEvent[] }>('GET', `${path(id)}/events`, undefined, signal);
      return data.map((e, i) => ({
        id: e.hash || `${e.created_at ?? ''}#${e.type ?? ''}#${i}`,
        at: e.created_at ?? new Date(0).toISOString(),
        level: levelOf(e.level),
        message: e.message ?? '',
        type: e.type,
      }));
    },
    async checkpoints(id, signal) {
      const { data } = await rest.json<{ data: { step: number; created_at?: string; path?: string; checkpoint_type?: string }[] }>(
        'GET',
        `${path(id)}/checkpoints`,
        undefined,
        signal,
      );
      let metrics: Record<string, number>[] = [];
      try {
        metrics = (await rest.json<{ metrics?: Record<string, number>[] }>('GET', `${path(id)}/metrics`, undefined, signal)).metrics ?? [];
      } catch (err) {
        if (!(err instanceof TrainerError) || err.status !== 404) throw err;
      }
      const at = (step: number, key: string) => {
        const m = [...metrics].reverse().find((x) => typeof x[key] === 'number' && (x['train/global_step'] ?? Infinity) <= step);
        return m ? m[key] : null;
      };
      return data
        .map((c): Checkpoint => ({
          step: c.step,
          at: c.created_at ?? null,
          trainLoss: at(c.step, 'train/loss'),
          validLoss: at(c.step, 'eval/loss'),
          model: c.path ?? null,
        }))
        .sort((a, b) => a.step - b.step);
    },
    cancel: async (id, signal) => snapshot(await rest.json<TogetherJob>('POST', `${path(id)}/cancel`, undefined, signal)),
  };
}
