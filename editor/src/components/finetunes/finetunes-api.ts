// The fine-tuning endpoints as the editor calls them (admin token): trainers, validate (the
// estimate), start, list, one job with events and checkpoints, cancel, adopt, replacements, the
// model registry, and the eval runs a job or a replacement starts. Shapes from the worker's types.
import { request } from '../../api/client';
import type { Problem } from '../../engine';
import type { FinetuneJob, RegistryEntry, StoredEvent } from '../../../../worker/finetune/store/types';
import type { Checkpoint, Hyperparameters, TrainingMethod } from '../../../../worker/finetune/trainer';
import type { FinetunePlan } from '../../../../worker/finetune/estimate';

export type { Checkpoint, FinetuneJob, Hyperparameters, RegistryEntry, StoredEvent, TrainingMethod };

/** Where a job's model goes: the fine-tuned node it was trained for. */
export interface JobTarget {
  flowId: string;
  nodeId: string;
}

/** A job as listed; `target` and `evalRunId` arrive with the job-target routes. */
export type Job = FinetuneJob & { target?: JobTarget | null; evalRunId?: string | null };

export interface Trainer {
  name: string;
  type: 'openai' | 'together' | 'fireworks';
  baseURL: string;
  provider?: string;
}

export interface JobRequest {
  trainer: string;
  baseModel: string;
  method: TrainingMethod;
  training: string;
  validation?: string;
  hyperparameters: Hyperparameters;
  suffix?: string;
  dataset: { name?: string; hash?: string };
  maxCostUsd?: number;
  target?: JobTarget;
}

export type Validation = FinetunePlan & { trainer: string; type: string };

export interface JobDetail {
  job: Job;
  events: StoredEvent[];
  checkpoints: Checkpoint[];
}

export type RegistryModel = RegistryEntry & { retirement: 'retired' | 'retiring' | null };

const enc = encodeURIComponent;

export const finetunesApi = {
  trainers: () => request<{ trainers: Trainer[] }>('/v1/finetunes/trainers').then((r) => r.trainers),
  validate: (body: JobRequest) => request<Validation>('/v1/finetunes/validate', { method: 'POST', body }),
  start: (body: JobRequest) =>
    request<{ job: Job; estimate: { costUsd: number | null; source: string | null }; following: boolean }>('/v1/finetunes', {
      method: 'POST',
      body,
    }),
  list: (limit = 100) => request<{ jobs: Job[] }>(`/v1/finetunes?limit=${limit}`).then((r) => r.jobs),
  get: (id: string) => request<JobDetail>(`/v1/finetunes/${enc(id)}`),
  cancel: (id: string) => request<{ job: Job }>(`/v1/finetunes/${enc(id)}/cancel`, { method: 'POST' }),
  adopt: (id: string, body: Partial<JobTarget> = {}) =>
    request<{ flowId: string; nodeId: string; model: string }>(`/v1/finetunes/${enc(id)}/adopt`, { method: 'POST', body }),
  registry: () => request<{ models: RegistryModel[] }>('/v1/models/registry').then((r) => r.models),
};

export type { Problem };
