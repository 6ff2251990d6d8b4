// The eval-run endpoint the fine-tuning screens read (admin token): one run with its report, as
// COMMON's eval-run contract gives it (GET /v1/eval-runs/:id). Only the fields shown are typed.
import { request } from '../../api/client';
import type { EvalReport } from '../../../../worker/evals/report';

export type { EvalReport };

export interface EvalRunSummary {
  id: string;
  eval: string;
  flow: string;
  dataset: { name: string; hash: string; split?: string };
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  source: string;
  label?: string;
  error?: string;
  createdAt: string;
  finishedAt?: string;
}

export interface EvalRunAnswer {
  run: EvalRunSummary;
  report: EvalReport | null;
}

export const evalRunsApi = {
  get: (id: string) => request<EvalRunAnswer>(`/v1/eval-runs/${encodeURIComponent(id)}`),
};

export const evalRunEnded = (s: EvalRunSummary['status']) => s === 'done' || s === 'failed' || s === 'cancelled';
