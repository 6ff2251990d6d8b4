// The contracts between the engine and the outside world: model calls, prompt lookups, run
// events, traces and results. Providers, the KV store, the worker, the CLI and the editor all
// code against these types; the engine itself never imports them from anywhere else.

import { DEFAULT_MAX_NODES, defaultEvalLimits, type EvalLimits } from './limits';

export type ChatRole = 'system' | 'user' | 'assistant';
export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export type ResponseFormat = { type: 'text' } | { type: 'json'; schema?: Record<string, unknown> };

export interface LlmRequest {
  /** Name of a configured provider ("default", "openai", "echo", ...). */
  provider: string;
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  responseFormat?: ResponseFormat;
  /** Aborted when the node times out, the run deadline passes or the client goes away. */
  signal: AbortSignal;
  /** When set, the provider streams and calls this with each text delta as it arrives. */
  onToken?: (text: string) => void;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Of the input tokens, those served from the provider's prompt cache, when it reports them. */
  cachedInputTokens?: number;
  /** Of the output tokens, those spent on reasoning, when the provider reports them. */
  reasoningTokens?: number;
}

export interface LlmResponse {
  text: string;
  /** The model that answered, as the provider reports it. */
  model: string;
  provider: string;
  usage: Usage;
  /** How many attempts the call took (1 = no retry). */
  attempts: number;
  /** True for the offline echo provider, so traces and outputs say so. */
  echo?: boolean;
}

/** The one thing nodes know about models. Implementations retry and classify errors (LlmError). */
export interface LlmClient {
  complete(req: LlmRequest): Promise<LlmResponse>;
}

export type PromptTemplate = { text: string } | { messages: ChatMessage[] };

export interface ResolvedPrompt {
  name: string;
  version: number;
  /** The label the reference followed, if it was `name@label`. */
  label?: string;
  template: PromptTemplate;
  model?: string;
  temperature?: number;
  maxTokens?: number;
}

/** Resolves `name@label` or `name@3`; throws WeirError('prompt_not_found') when it cannot. */
export interface PromptResolver {
  resolve(ref: string, signal?: AbortSignal): Promise<ResolvedPrompt>;
}

export interface RunLimits extends EvalLimits {
  /** Whole-run deadline in ms. */
  deadlineMs: number;
  /** Per-node timeout in ms. */
  nodeTimeoutMs: number;
  /** Cap on nodes in a flow; each runs at most once, so it caps node executions too. Validation agrees. */
  maxNodes: number;
  /** Nodes running at once (Workers allow six simultaneous outgoing connections). */
  maxConcurrency: number;
}

export const defaultLimits: RunLimits = {
  deadlineMs: 60_000,
  nodeTimeoutMs: 30_000,
  maxNodes: DEFAULT_MAX_NODES,
  maxConcurrency: 6,
  ...defaultEvalLimits,
};

export type NodeStatus = 'ok' | 'skipped' | 'failed' | 'fell_back';

export interface TraceEntry {
  nodeId: string;
  type: string;
  status: NodeStatus;
  /** ms since the run started; absent for skipped nodes. */
  startMs?: number;
  durationMs?: number;
  messages?: ChatMessage[];
  output?: unknown;
  provider?: string;
  model?: string;
  baseModel?: string;
  tokens?: Usage;
  attempts?: number;
  /** The source handle the node took ("out", a condition's case, a fine-tuned node's "fallback"). */
  handle?: string;
  /** Prompt reference resolved by this node. */
  prompt?: { ref: string; name: string; version: number };
  error?: { code: string; message: string };
  echo?: boolean;
}

export type RunEvent =
  | { type: 'node.start'; nodeId: string; nodeType: string; startMs: number }
  | {
      type: 'node.end';
      nodeId: string;
      nodeType: string;
      status: NodeStatus;
      durationMs: number;
      summary?: string;
      handle?: string;
      error?: { code: string; message: string };
    }
  | { type: 'token'; nodeId: string; text: string };

export interface RunContext {
  llm: LlmClient;
  prompts: PromptResolver;
  /** Aborting cancels the run (client disconnect). */
  signal?: AbortSignal;
  limits?: Partial<RunLimits>;
  onEvent?: (event: RunEvent) => void;
  /** Clock in ms; injectable for tests. */
  now?: () => number;
}

export interface RunResult {
  status: 'ok' | 'failed';
  output?: unknown;
  outputNodeId?: string;
  usage: Usage & { calls: number };
  trace: TraceEntry[];
  /** Prompt versions the run resolved, so any answer can be reproduced. */
  prompts: { ref: string; name: string; version: number }[];
  error?: { code: string; message: string; nodeId?: string };
  durationMs: number;
}
