// A logged run as the run panel's state, so opening it draws the canvas exactly like a live run:
// the same reducer folds its trace (statuses, handles taken, output), then the log adds cost.
import { runReducer, startRun, type RunState } from '../../state/run-state';
import type { RunDetail } from './runs-api';

export function runStateFromLog(run: RunDetail): RunState {
  // A fine-tuned node that fell back took its fallback handle, whether or not the trace says so.
  const trace = run.trace.map((t) => (t.status === 'fell_back' && !t.handle ? { ...t, handle: 'fallback' } : t));
  let state = runReducer(startRun(0), { type: 'run.start', runId: run.id, flowId: run.flow.id });
  const usage = { inputTokens: run.usage.inputTokens, outputTokens: run.usage.outputTokens, calls: run.usage.calls };
  state = runReducer(state, { type: 'done', runId: run.id, output: run.output, usage, trace }, 0);
  if (run.status === 'failed') state = { ...state, phase: 'failed', error: run.error ?? state.error };
  return {
    ...state,
    durationMs: run.durationMs,
    fromLog: { createdAt: run.createdAt, version: run.flow.version, source: run.source, costUsd: run.costUsd },
  };
}
