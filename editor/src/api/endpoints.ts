// Every /v1 call the editor makes, named.
import { request } from './client';
import type {
  FlowAnswer,
  FlowSummary,
  FlowVersions,
  FlowVersionSummary,
  PromptDetail,
  PromptSummary,
  PromptTemplate,
  ProviderInfo,
  ResolvedPrompt,
} from './types';
import type { Flow, FlowDiff, Problem } from '../engine';

const enc = encodeURIComponent;

export const api = {
  health: () => request<{ ok: boolean; providers: { name: string; type: string }[] }>('/v1/health'),
  listFlows: () => request<{ flows: FlowSummary[] }>('/v1/flows').then((r) => r.flows),
  getFlow: (id: string) => request<FlowAnswer>(`/v1/flows/${enc(id)}`),
  putFlow: (flow: Flow, draft: boolean) =>
    request<{ flow: Flow; problems: Problem[] }>(`/v1/flows/${enc(flow.id)}${draft ? '?draft=1' : ''}`, { method: 'PUT', body: flow }),
  deleteFlow: (id: string) => request<void>(`/v1/flows/${enc(id)}`, { method: 'DELETE' }),
  listPrompts: () => request<{ prompts: PromptSummary[] }>('/v1/prompts').then((r) => r.prompts),
  getPrompt: (name: string) => request<PromptDetail>(`/v1/prompts/${enc(name)}`),
  resolvePrompt: (ref: string) => request<ResolvedPrompt>(`/v1/prompts/resolve?ref=${enc(ref)}`),
  addPromptVersion: (
    name: string,
    body: { template: PromptTemplate; model?: string; temperature?: number; maxTokens?: number; note?: string; description?: string },
  ) => request<{ version: number }>(`/v1/prompts/${enc(name)}/versions`, { method: 'POST', body }),
  setLabel: (name: string, label: string, version: number) =>
    request<{ labels: Record<string, number> }>(`/v1/prompts/${enc(name)}/labels/${enc(label)}`, { method: 'PUT', body: { version } }),
  removeLabel: (name: string, label: string) =>
    request<{ labels: Record<string, number> }>(`/v1/prompts/${enc(name)}/labels/${enc(label)}`, { method: 'DELETE' }),
  providers: () => request<{ providers: ProviderInfo[] }>('/v1/providers').then((r) => r.providers),
  flowVersions: (id: string) => request<FlowVersions>(`/v1/flows/${enc(id)}/versions`),
  publishFlow: (id: string, note?: string) =>
    request<FlowVersionSummary>(`/v1/flows/${enc(id)}/versions`, { method: 'POST', body: note ? { note } : {} }),
  moveFlowLabel: (id: string, label: string, version: number) =>
    request<{ labels: Record<string, number> }>(`/v1/flows/${enc(id)}/labels/${enc(label)}`, { method: 'PUT', body: { version } }),
  deleteFlowLabel: (id: string, label: string) =>
    request<{ labels: Record<string, number> }>(`/v1/flows/${enc(id)}/labels/${enc(label)}`, { method: 'DELETE' }),
  flowDiff: (id: string, from: string, to: string) =>
    request<FlowDiff & { from: { version: number; hash: string }; to: { version: number; hash: string } }>(
      `/v1/flows/${enc(id)}/diff?from=${enc(from)}&to=${enc(to)}`,
    ),
};
