// Shapes of the /v1 management answers the editor reads (docs/contracts.md).
import type { Flow, Problem } from '../engine';

export interface FlowSummary {
  id: string;
  name: string;
  description: string;
  updatedAt: string;
  public?: boolean;
  problems: Problem[] | number;
}

export type PromptTemplate = { text: string } | { messages: { role: 'system' | 'user' | 'assistant'; content: string }[] };

export interface PromptSummary {
  name: string;
  description?: string;
  latest: number;
  labels: Record<string, number>;
  updatedAt?: string;
}

export interface PromptVersion {
  version: number;
  template: PromptTemplate;
  model?: string;
  temperature?: number;
  maxTokens?: number;
  note?: string;
  createdAt?: string;
  variables?: string[];
}

export interface PromptDetail {
  name: string;
  description?: string;
  labels: Record<string, number>;
  versions: PromptVersion[];
}

export interface ResolvedPrompt extends PromptVersion {
  name: string;
  label?: string;
}

export interface FlowAnswer {
  flow: Flow;
  updatedAt?: string;
  problems: Problem[];
}

export interface FlowVersionSummary {
  version: number;
  hash: string;
  createdAt: string;
  note?: string;
}

export interface FlowVersions {
  versions: FlowVersionSummary[];
  labels: Record<string, number>;
  latest: number;
}

export interface ProviderInfo {
  name: string;
  type: 'openai' | 'echo';
  baseURL?: string;
  models: string[];
}
