// The fine-tuning endpoints as the editor calls them (admin token): trainers, validate (the
// estimate), start, list, one job with events and checkpoints, cancel, adopt, replacements, the
// model registry, and the eval runs a job or a replacement starts. Shapes from the worker's types.
import { request } from '../../api/client';
import type { Problem } from '../../engine';
import type { FinetuneJob, JobTarget, RegistryEntry, StoredEvent } from '../../../../worker/finetune/store/types';
import type { Checkpoint, Hyperparameters, TrainingMethod } from '../../../../worker/finetune/trainer';
import type { FinetunePlan } from '../../../../worker/finetune/estimate';

export type { Checkpoint, FinetuneJob, Hyperparameters, JobTarget, RegistryEntry, StoredEvent, TrainingMethod };

/** A job as listed: with its target node, its three-way eval run and where it was adopted. */
export type Job = FinetuneJob;

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
  /** Without a file, the worker exports the train and validation splits of `dataset.name`. */
  training?: string;
  validation?: string;
  includeUnsplit?: boolean;
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

/** What Adopt wrote: the new draft and what changed on the node. */
export interface AdoptResult {
  flow: string;
  node: string;
  model: string;
  draft: unknown;
  unchanged: boolean;
  diff: { summary: string[] };
  problems: Problem[];
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
  adopt: (id: string, body: Partial<JobTarget> = {}) => request<AdoptResult>(`/v1/finetunes/${enc(id)}/adopt`, { method: 'POST', body }),
  /** (Re)starts the three-way eval of a succeeded job. */
  evaluate: (id: string) => request<{ job: Job }>(`/v1/finetunes/${enc(id)}/evaluate`, { method: 'POST' }),
  adoptRegistryModel: (model: string, target: JobTarget) =>
    request<AdoptResult>(`/v1/models/registry/${enc(model)}/adopt`, { method: 'POST', body: target }),
  registry: () => request<{ models: RegistryModel[] }>('/v1/models/registry').then((r) => r.models),
};

export type { Problem };
