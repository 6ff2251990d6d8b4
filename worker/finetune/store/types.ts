// The fine-tuning store: jobs started through Weir, their events and checkpoints, and the model
// registry. One interface, a D1 implementation (d1.ts) and an in-memory twin for tests (memory.ts).
import type { Checkpoint, Hyperparameters, JobEvent, JobSnapshot, JobStatus, TrainerType, TrainingMethod } from '../trainer';

export interface FinetuneJob {
  id: string;
  trainer: string;
  trainerType: TrainerType;
  providerJobId: string | null;
  baseModel: string;
  method: TrainingMethod;
  suffix: string | null;
  hyperparameters: Hyperparameters;
  datasetName: string | null;
  datasetHash: string;
  trainingFileId: string | null;
  validationFileId: string | null;
  trainExamples: number;
  validationExamples: number;
  trainTokens: number;
  estimatedCostUsd: number | null;
  estimateSource: string | null;
  status: JobStatus;
  rawStatus: string | null;
  error: { code: string; message: string } | null;
  fineTunedModel: string | null;
  trainedTokens: number | null;
  trainingCostUsd: number | null;
  workflowId: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** The flow and node the job is trained for (migration 0007); null for a job with no target. */
  target: JobTarget | null;
  /** The three-way eval run started when the job succeeded. */
  evalRunId: string | null;
  /** Why the three-way eval could not start (no target, no dataset, ...). */
  evalError: string | null;
  /** The last draft the model was adopted into. */
  adopted: (JobTarget & { at: string }) | null;
}

export interface JobTarget {
  flow: string;
  node: string;
}

export interface StoredEvent extends JobEvent {
  seq: number;
}

export interface RegistryEntry {
  model: string;
  provider: string;
  /** Null for a model registered by hand (trained outside Weir). */
  trainer: string | null;
  baseModel: string;
  datasetName: string | null;
  datasetHash: string | null;
  jobId: string | null;
  trainingCostUsd: number | null;
  trainingCostSource: 'provider' | 'trained_tokens' | 'estimate' | null;
  prices: { inputPerMTok: number | null; cachedInputPerMTok: number | null; outputPerMTok: number | null };
  hostingPerHour: number | null;
  retiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type RegistryPatch = Partial<Pick<RegistryEntry, 'provider' | 'hostingPerHour' | 'retiresAt'>> & {
  prices?: Partial<RegistryEntry['prices']>;
};

export interface FinetuneStore {
  createJob(job: FinetuneJob): Promise<void>;
  getJob(id: string): Promise<FinetuneJob | undefined>;
  listJobs(opts?: { status?: JobStatus; limit?: number }): Promise<FinetuneJob[]>;
  updateJob(id: string, patch: Partial<Omit<FinetuneJob, 'id' | 'createdAt'>>): Promise<void>;
  /** Stores a provider snapshot; says whether the normalised or raw status changed. */
  recordSnapshot(
    id: string,
    snap: JobSnapshot,
    now: string,
  ): Promise<{ changed: boolean; previous: { status: JobStatus; rawStatus: string | null } }>;
  /** Inserts events not seen before (by id); returns how many were new. */
  addEvents(id: string, events: JobEvent[]): Promise<number>;
  /** Inserts or updates checkpoints by step; returns how many were new. */
  putCheckpoints(id: string, checkpoints: Checkpoint[]): Promise<number>;
  events(id: string): Promise<StoredEvent[]>;
  checkpoints(id: string): Promise<Checkpoint[]>;
  register(entry: RegistryEntry): Promise<void>;
  registry(): Promise<RegistryEntry[]>;
  model(model: string): Promise<RegistryEntry | undefined>;
  updateModel(model: string, patch: RegistryPatch, now: string): Promise<RegistryEntry | undefined>;
}
