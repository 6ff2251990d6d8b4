// The run panel's state, folded from SSE events: which nodes ran and how, the handle each took,
// streamed tokens, and at the end the output and the trace.
import type { StreamEvent } from '../api/run-stream';
import { FALLBACK_HANDLE, type NodeStatus, type TraceEntry, type Usage } from '../engine';
import type { RunStatus } from './to-react-flow';

export interface RunState {
  phase: 'idle' | 'running' | 'done' | 'failed';
  runId?: string;
  status: Map<string, RunStatus>;
  handles: Map<string, string>;
  tokens: string;
  output?: unknown;
  usage?: Usage & { calls?: number };
  trace: TraceEntry[];
  error?: { code: string; message: string; nodeId?: string };
  startedAt?: number;
  durationMs?: number;
  /** Set when the run was opened from the run log rather than run live. */
  fromLog?: { createdAt: string; version: number | 'draft'; source: string; costUsd: number | null };
}

export const idleRun: RunState = { phase: 'idle', status: new Map(), handles: new Map(), tokens: '', trace: [] };

export const startRun = (now: number): RunState => ({
  ...idleRun,
  phase: 'running',
  status: new Map(),
  handles: new Map(),
  startedAt: now,
});

/**
 * The handle a finished node took, as the engine reports it. A node that fell back took its
 * fallback handle even when an older server leaves the handle out, so the canvas lights the edge
 * that actually ran instead of `out`.
 */
export const takenHandle = (status: NodeStatus, handle?: string): string | undefined =>
  handle ?? (status === 'fell_back' ? FALLBACK_HANDLE : undefined);

function withHandle(handles: ReadonlyMap<string, string>, nodeId: string, status: NodeStatus, handle?: string): Map<string, string> {
  const taken = takenHandle(status, handle);
  const next = new Map(handles);
  if (taken) next.set(nodeId, taken);
  else next.delete(nodeId);
  return next;
}

export function runReducer(state: RunState, event: StreamEvent, now = Date.now()): RunState {
  switch (event.type) {
    case 'run.start':
      return { ...state, runId: event.runId };
    case 'node.start':
      return { ...state, status: new Map(state.status).set(event.nodeId, 'running') };
    case 'node.end':
      return {
        ...state,
        status: new Map(state.status).set(event.nodeId, event.status),
        handles: withHandle(state.handles, event.nodeId, event.status, event.handle),
      };
    case 'token':
      return { ...state, tokens: state.tokens + event.text };
    case 'done': {
      const status = new Map(state.status);
      const handles = new Map(state.handles);
      for (const t of event.trace ?? []) {
        status.set(t.nodeId, t.status);
        const taken = takenHandle(t.status, t.handle);
        if (taken) handles.set(t.nodeId, taken);
      }
      const failed = (event.trace ?? []).find((t) => t.status === 'failed');
      return {
        ...state,
        phase: failed ? 'failed' : 'done',
        output: event.output,
        usage: event.usage,
        trace: event.trace ?? [],
        status,
        handles,
        error: failed?.error ? { ...failed.error, nodeId: failed.nodeId } : undefined,
        durationMs: state.startedAt ? now - state.startedAt : undefined,
      };
    }
    case 'error': {
      const status = new Map(state.status);
      for (const [id, s] of status) if (s === 'running') status.set(id, 'failed');
      if (event.error.nodeId) status.set(event.error.nodeId, 'failed');
      return { ...state, phase: 'failed', error: event.error, status, durationMs: state.startedAt ? now - state.startedAt : undefined };
    }
    default:
      return state;
  }
}
