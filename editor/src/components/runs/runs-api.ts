// The run log's endpoints as the editor calls them (admin token); shapes from the worker's
// api-types, so they are written once.
import { request } from '../../api/client';
import type { DayStats, FlowSummary, NodeStats, RunDetail, RunSummary } from '../../../../worker/runs/log/api-types';

export type { DayStats, FlowSummary, NodeStats, RunDetail, RunSummary };

export interface RunFilters {
  status?: 'ok' | 'failed';
  source?: string;
  q?: string;
  failedNode?: string;
  fellBackNode?: string;
  version?: string;
  /** The newest thumbs feedback. */
  thumbs?: 'up' | 'down';
  /** Runs with a corrected answer from feedback. */
  corrected?: 'true';
}

const enc = encodeURIComponent;

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}

export const runsApi = {
  list: (flow: string, filters: RunFilters = {}, cursor?: string, limit = 50) =>
    request<{ runs: RunSummary[]; nextCursor: string | null }>(`/v1/runs?${query({ flow, ...filters, cursor, limit })}`),
  get: (id: string) => request<RunDetail>(`/v1/runs/${enc(id)}`),
  /** Every flow's runs today (UTC): count, error rate, p50. */
  today: () => request<{ flows: FlowSummary[] }>('/v1/runs/stats').then((r) => r.flows),
  stats: (flow: string, days = 7) => request<{ days: DayStats[]; nodes: NodeStats[] }>(`/v1/runs/stats?${query({ flow, days })}`),
};
