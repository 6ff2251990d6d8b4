// The datasets endpoints the Runs view uses (admin token): list datasets, add runs to one.
import { request } from '../../api/client';

export interface DatasetSummary {
  name: string;
  hash: string;
  items: number;
  version: number;
}

export interface FromRunsAnswer {
  dataset: DatasetSummary | null;
  matched: number;
  added: { id: string; runId: string; nodeId?: string }[];
  present: { id: string; runId: string; nodeId?: string }[];
  refused: { runId: string; nodeId?: string; code: string; reason: string }[];
}

export interface FromRunsRequest {
  runs: string[];
  nodeId?: string;
  split?: 'train' | 'validation' | 'test';
  tags?: string[];
}

export const datasetsApi = {
  list: () => request<{ datasets: DatasetSummary[] }>('/v1/datasets').then((r) => r.datasets),
  fromRuns: (name: string, body: FromRunsRequest) =>
    request<FromRunsAnswer>(`/v1/datasets/${encodeURIComponent(name)}/from-runs`, { method: 'POST', body }),
};
