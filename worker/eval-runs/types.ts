// The eval-run API's shapes (README "Evals in the worker"): a run's summary, one cell per item x
// variant x repeat, and per-node statistics for the canvas overlay.
import type { SplitName } from '../datasets/schema';
import type { EvalFile } from '../evals/schema';

export const evalRunStatuses = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type EvalRunStatus = (typeof evalRunStatuses)[number];
export const evalRunSources = ['api', 'finetune', 'replacement'] as const;
export type EvalRunSource = (typeof evalRunSources)[number];
export const isFinished = (s: EvalRunStatus) => s === 'done' || s === 'failed' || s === 'cancelled';

export interface EvalRunSummary {
  id: string;
  eval: string;
  flow: string;
  dataset: { name: string; hash: string; split?: string };
  status: EvalRunStatus;
  done: number;
  total: number;
  source: EvalRunSource;
  label?: string;
  error?: string;
  createdAt: string;
  finishedAt?: string;
}

export interface Cell {
  itemId: string;
  variant: string;
  repeat: number;
  pass: boolean;
  score: number;
  status: 'ok' | 'failed';
  runId: string | null;
  latencyMs: number;
  costUsd: number | null;
  reasons: string[];
}

export interface NodeStat {
  runs: number;
  passRate: number;
  errorRate: number;
  p50LatencyMs: number;
  costUsd: number | null;
  fallbackRate: number;
  handles: Record<string, number>;
}
export type NodeStats = Record<string, Record<string, NodeStat>>;

/** What a cell keeps of each node its run went through. */
export interface CellNode {
  id: string;
  status: string;
  handle?: string;
  ms?: number;
  cost?: number | null;
}

export interface EvalDefinition {
  name: string;
  flow: string;
  dataset: string;
  variants: string[];
  updatedAt: string;
  definition: EvalFile;
}

export interface StartOptions {
  /** A stored eval's name, or an eval file (run as it is; its name, else its flow, names the run). */
  eval: string | EvalFile;
  repeats?: number;
  concurrency?: number;
  split?: SplitName;
  /** Only the first N items. */
  limit?: number;
  source?: EvalRunSource;
  label?: string;
}
