// The provider-neutral fine-tuning interface: upload a training file, estimate, create a job,
// read its status (normalised, the provider's raw status kept), events and checkpoints, cancel.
// One implementation per wire shape: openai-trainer.ts (OpenAI, Azure OpenAI), together-trainer.ts,
// fireworks-trainer.ts.
import * as z from 'zod';

export const JOB_STATUSES = ['queued', 'validating', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const TERMINAL: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export const methodSchema = z.enum(['supervised', 'dpo']);
export type TrainingMethod = z.infer<typeof methodSchema>;

export const hyperparametersSchema = z.strictObject({
  epochs: z.number().int().min(1).max(50).optional(),
  batchSize: z.number().int().min(1).max(4096).optional(),
  /** OpenAI: learning_rate_multiplier; Together and Fireworks: learning_rate. */
  learningRate: z.number().positive().max(10).optional(),
  /** DPO only. */
  beta: z.number().positive().max(10).optional(),
  loraRank: z.number().int().min(1).max(256).optional(),
});
export type Hyperparameters = z.infer<typeof hyperparametersSchema>;

export interface UploadedFile {
  id: string;
  bytes: number;
  /** Processed and usable (false while the provider still checks it). */
  ready: boolean;
}

export interface CreateJobRequest {
  baseModel: string;
  method: TrainingMethod;
  trainingFileId: string;
  validationFileId?: string;
  hyperparameters: Hyperparameters;
  suffix?: string;
}

export interface JobSnapshot {
  providerJobId: string;
  status: JobStatus;
  /** Exactly what the provider said (e.g. `validating_files`, `JOB_STATE_RUNNING`, `compressing`). */
  rawStatus: string;
  fineTunedModel: string | null;
  baseModel: string;
  trainedTokens: number | null;
  /** What the provider billed, when it says (US dollars). */
  costUsd: number | null;
  error: { code: string; message: string } | null;
  createdAt: string | null;
  finishedAt: string | null;
}

export interface JobEvent {
  /** Stable per job, so recording the same event twice is a no-op. */
  id: string;
  at: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  type?: string;
}

export interface Checkpoint {
  step: number;
  at: string | null;
  trainLoss: number | null;
  validLoss: number | null;
  /** A usable model id for the checkpoint, when the provider makes one. */
  model: string | null;
}

export interface ProviderEstimate {
  costUsd: number | null;
  trainTokens: number | null;
  source: string;
}

export interface Trainer {
  /** The configured name (TRAINERS key). */
  readonly name: string;
  readonly type: TrainerType;
  readonly supports: { dpo: boolean; providerEstimate: boolean; checkpoints: boolean };
  uploadFile(name: string, jsonl: string, signal?: AbortSignal): Promise<UploadedFile>;
  /** The provider's own estimate where it has one (Together); null elsewhere. */
  estimate(req: CreateJobRequest, signal?: AbortSignal): Promise<ProviderEstimate | null>;
  createJob(req: CreateJobRequest, signal?: AbortSignal): Promise<JobSnapshot>;
  getJob(providerJobId: string, signal?: AbortSignal): Promise<JobSnapshot>;
  listJobs(signal?: AbortSignal): Promise<JobSnapshot[]>;
  events(providerJobId: string, signal?: AbortSignal): Promise<JobEvent[]>;
  checkpoints(providerJobId: string, signal?: AbortSignal): Promise<Checkpoint[]>;
  cancel(providerJobId: string, signal?: AbortSignal): Promise<JobSnapshot>;
}

export type TrainerType = 'openai' | 'together' | 'fireworks';

/** A trainer call failed. `code` is stable (trainer_auth, trainer_not_found, trainer_bad_request, ...). */
export class TrainerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TrainerError';
  }
}

export const isoFromSeconds = (s: number | null | undefined): string | null =>
  typeof s === 'number' && Number.isFinite(s) ? new Date(s * 1000).toISOString() : null;
