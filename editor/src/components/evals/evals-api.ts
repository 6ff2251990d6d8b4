// The eval and eval-run endpoints the Evals view calls (admin token), with the worker's own types
// (worker/eval-runs/types.ts): evals of a flow, runs of an eval, one run with its
// report, cells and per-node stats, start, cancel, and the run's progress as server-sent events.
import { authHeaders, request } from '../../api/client';
import { parseSse } from '../../api/run-stream';
import type { EvalReport } from '../../../../worker/evals/report';
import type { EvalFile } from '../../../../worker/evals/schema';
import type { Cell, EvalDefinition, EvalRunStatus, EvalRunSummary, NodeStat, NodeStats } from '../../../../worker/eval-runs/types';

export type { EvalFile, EvalReport };

export type { Cell, EvalRunStatus, EvalRunSummary, NodeStat, NodeStats };
export const finished = (s: EvalRunStatus) => s === 'done' || s === 'failed' || s === 'cancelled';

/** GET /v1/evals lists definitions without their file. */
export type EvalSummary = Omit<EvalDefinition, 'definition'>;

export interface EvalRunDetail {
  run: EvalRunSummary;
  report: EvalReport | null;
  cells: Cell[];
  nodes: NodeStats;
}

export interface StartBody {
  eval: string;
  repeats?: number;
  concurrency?: number;
  split?: 'train' | 'validation' | 'test';
  limit?: number;
  label?: string;
}

export type EvalRunEvent =
  | { type: 'progress'; done: number; total: number; status: EvalRunStatus }
  | ({ type: 'cell' } & Cell)
  | { type: 'end'; status: EvalRunStatus };

const enc = encodeURIComponent;

export const evalsApi = {
  list: (flow: string) => request<{ evals: EvalSummary[] }>(`/v1/evals?flow=${enc(flow)}`).then((r) => r.evals),
  getEval: (name: string) => request<{ eval: EvalDefinition }>(`/v1/evals/${enc(name)}`).then((r) => r.eval),
  runs: (evalName: string, limit = 20) =>
    request<{ runs: EvalRunSummary[] }>(`/v1/eval-runs?eval=${enc(evalName)}&limit=${limit}`).then((r) => r.runs),
  get: (id: string) => request<EvalRunDetail>(`/v1/eval-runs/${enc(id)}`),
  start: (body: StartBody) => request<{ run: EvalRunSummary }>('/v1/eval-runs', { method: 'POST', body }).then((r) => r.run),
  cancel: (id: string) => request<{ run: EvalRunSummary }>(`/v1/eval-runs/${enc(id)}/cancel`, { method: 'POST' }).then((r) => r.run),
};

/**
 * Follows a run's events until `end` (or the signal aborts). The stream replays what already
 * happened first, so subscribing late loses nothing.
 */
export async function followEvalRun(id: string, onEvent: (e: EvalRunEvent) => void, signal: AbortSignal): Promise<void> {
  const res = await fetch(`/v1/eval-runs/${enc(id)}/events`, { headers: { ...authHeaders(), accept: 'text/event-stream' }, signal });
  if (!res.ok || !res.body) {
    const json = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new Error(json.error?.message ?? `the progress stream answered HTTP ${res.status}`);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const parsed = parseSse(buffer + value);
    buffer = parsed.rest;
    for (const { event, data } of parsed.events) {
      let body: object;
      try {
        body = JSON.parse(data) as object;
      } catch {
        continue;
      }
      onEvent({ ...body, type: event } as EvalRunEvent);
      if (event === 'end') {
        void reader.cancel().catch(() => undefined);
        return;
      }
    }
  }
}
