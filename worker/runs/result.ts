// What a run service run gives back: an ok | failed union that every entry point (edge URL, chat,
// editor, and later evals and experiments) answers from, and the sources a run can come from.
import type { RunResult as EngineResult, RunEvent } from '../engine';
import type { Who } from '../http/auth';
import type { ResolvedFlow } from '../store';
import type { Flow } from '../engine';

export const runSources = ['edge', 'chat', 'editor', 'eval', 'experiment'] as const;
export type RunSource = (typeof runSources)[number];

/** `{ id, version, hash, label? }`: which flow version ran, as answers report it. */
export interface FlowInfo {
  id: string;
  version: number | 'draft';
  hash: string;
  label?: string;
}

export interface RunError {
  code: string;
  message: string;
  nodeId?: string;
}

interface RunBase {
  runId: string;
  flow: FlowInfo;
  usage: EngineResult['usage'];
  trace: EngineResult['trace'];
  prompts: EngineResult['prompts'];
  durationMs: number;
  /** ms from the start to the first streamed token, when one streamed. */
  firstTokenMs?: number;
}

export type RunResult =
  (RunBase & { status: 'ok'; output: unknown; outputNodeId: string }) | (RunBase & { status: 'failed'; error: RunError });

export interface RunRequest {
  flow: Flow;
  resolved: ResolvedFlow;
  input: Record<string, unknown>;
  source: RunSource;
  who: Who;
  /** The label or pin the caller asked for (`production`, `3`, `draft`), or undefined for the default. */
  ref?: string;
  /** Aborts the run (the client went away). */
  signal?: AbortSignal;
  /** Engine events as they happen (SSE). */
  onEvent?: (event: RunEvent) => void;
  /** A run id chosen by the caller (streams announce it before the run starts). */
  runId?: string;
  /** The experiment and arm that chose this version (experiments/choose.ts). */
  experiment?: { id: string; arm: string };
  /** Runs in the background once the run is in the run log (an experiment's live evaluation). */
  afterRecord?: (result: RunResult) => Promise<void>;
}
