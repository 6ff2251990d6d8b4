// The run log's API shapes (GET /v1/runs, /v1/runs/:id, /v1/runs/stats), shared by the worker,
// the CLI and the editor. Types only, over the engine's trace types: no Workers or DOM globals.
import type { TraceEntry } from '../../engine/types';

/** A trace entry as the log keeps it: with its cost in USD (null when the model's price is unknown). */
export type StoredTraceEntry = TraceEntry & { costUsd?: number | null };

export interface Feedback {
  thumbs: 'up' | 'down' | null;
  score: number | null;
  comments: number;
  corrected: boolean;
}

export interface RunSummary {
  id: string;
  createdAt: string;
  source: string;
  keyId: string | null;
  flow: { id: string; version: number | 'draft'; hash: string; label?: string; ref?: string };
  status: 'ok' | 'failed';
  error?: { code: string; message: string; nodeId?: string };
  durationMs: number;
  firstTokenMs: number | null;
  usage: { calls: number; inputTokens: number; cachedInputTokens: number | null; outputTokens: number; reasoningTokens: number | null };
  /** USD; null when a model's price is unknown. */
  costUsd: number | null;
  /** The experiment and arm that chose the version (worker/experiments/). */
  experiment?: { id: string; arm: string };
  inputPreview: string;
  outputPreview: string | null;
  feedback: Feedback;
}

export interface Score {
  id: string;
  name: string;
  value: number | null;
  text: string | null;
  source: string;
  keyId: string | null;
  createdAt: string;
}

export type RunDetail = RunSummary & {
  prompts: { ref: string; name: string; version: number }[];
  input: Record<string, unknown>;
  output?: unknown;
  trace: StoredTraceEntry[];
  redacted: boolean;
  scores: Score[];
};

export interface DayStats {
  day: string;
  runs: number;
  errors: number;
  errorRate: number;
  p50Ms: number | null;
  p95Ms: number | null;
  inputTokens: number;
  outputTokens: number;
  /** USD; null when some run's cost is unknown (`costKnownRuns` says how many are known). */
  costUsd: number | null;
  costKnownRuns: number;
}

export interface NodeStats {
  nodeId: string;
  type: string;
  runs: number;
  failed: number;
  fellBack: number;
  fallbackRate: number;
  /** Branching nodes: share of runs that took each handle. */
  handles: Record<string, { runs: number; rate: number }>;
}

export interface FlowSummary {
  flowId: string;
  runs: number;
  errors: number;
  errorRate: number;
  p50Ms: number | null;
}
