// The experiment endpoints as the editor calls them (admin token): list, create, start, stop,
// new weights (compare-and-set on `version`), promote, and live per-arm results.
import { request } from '../../api/client';
import type { Experiment, ExperimentInput } from '../../../../worker/experiments/schema';
import type { Comparison, Rate } from '../../../../worker/experiments/significance';
import type { ArmResult } from '../../../../worker/experiments/arm-result';

export type { ArmResult, Comparison, Experiment, ExperimentInput, Rate };

export interface Results {
  experiment: Experiment;
  minSamples: number;
  control: string;
  arms: ArmResult[];
}

const enc = encodeURIComponent;

export const experimentsApi = {
  list: (flow: string) => request<{ experiments: Experiment[] }>(`/v1/experiments?flow=${enc(flow)}`).then((r) => r.experiments),
  create: (body: ExperimentInput) => request<Experiment>('/v1/experiments', { method: 'POST', body }),
  start: (id: string, version: number) => request<Experiment>(`/v1/experiments/${enc(id)}/start`, { method: 'POST', body: { version } }),
  stop: (id: string, version: number) => request<Experiment>(`/v1/experiments/${enc(id)}/stop`, { method: 'POST', body: { version } }),
  weights: (id: string, version: number, weights: Record<string, number>) =>
    request<Experiment>(`/v1/experiments/${enc(id)}`, { method: 'PATCH', body: { version, weights } }),
  promote: (id: string, arm: string, version: number) =>
    request<{ experiment: Experiment; version: number; labels: Record<string, number> }>(`/v1/experiments/${enc(id)}/promote`, {
      method: 'POST',
      body: { arm, version },
    }),
  results: (id: string) => request<Results>(`/v1/experiments/${enc(id)}/results`),
};
