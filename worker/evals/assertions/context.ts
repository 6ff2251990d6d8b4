// What an assertion sees about one run of one item, and what it answers.
import type { LlmClient, TraceEntry, Usage } from '../../engine/types';
import type { JudgeConfig } from '../schema';

export interface Observation {
  input: Record<string, unknown>;
  expected?: unknown;
  /** The run's output; undefined when the run failed. */
  output?: unknown;
  status: 'ok' | 'failed';
  error?: { code: string; message: string; nodeId?: string };
  trace: TraceEntry[];
  usage: Usage & { calls: number };
  latencyMs: number;
  /** null when some model in the run has no known price. */
  costUsd: number | null;
}

export interface Judge {
  llm: LlmClient;
  config: JudgeConfig;
  signal?: AbortSignal;
}

export interface AssertionResult {
  /** Type and value, or the assertion's metric name. */
  name: string;
  pass: boolean;
  /** 0..1; binary checks score 0 or 1. */
  score: number;
  weight: number;
  reason: string;
  /** Set when the check could not be graded (the echo judge): it weighs nothing. */
  ungraded?: boolean;
  /** Judge usage, counted in the eval's cost. */
  judgeUsage?: { model: string; inputTokens: number; outputTokens: number };
}

export const outputText = (output: unknown): string =>
  output === undefined || output === null ? '' : typeof output === 'string' ? output : JSON.stringify(output);

export const verdict = (pass: boolean, reason: string) => ({ pass, score: pass ? 1 : 0, reason });
