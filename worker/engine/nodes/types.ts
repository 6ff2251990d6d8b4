// What a node type declares: its data schema and defaults (the editor renders forms from them),
// its handles, the templates/expressions/prompt refs it holds (for validation), and run().
import type { z } from 'zod';
import type { LlmClient, PromptResolver, TraceEntry } from '../types';

export interface HandleSpec {
  id: string;
  label: string;
}

/** A piece of node data the validator checks, with its path inside `data`. */
export interface DataRef {
  path: (string | number)[];
  source: string;
}

/** Template scope: the request input and the outputs of finished upstream nodes. */
export interface Scope {
  input: Record<string, unknown>;
  nodes: Record<string, { output: unknown }>;
}

export interface NodeRunArgs<D> {
  id: string;
  data: D;
  scope: Scope;
  /** Upstream node ids whose edges into this node are live (taken), in edge order. */
  liveInputs: string[];
  /** Source handles of this node that have at least one outgoing edge. */
  connectedHandles: ReadonlySet<string>;
  llm: LlmClient;
  prompts: PromptResolver;
  signal: AbortSignal;
  /** Set when this node's tokens are the flow's answer; model nodes stream into it. */
  onToken?: (text: string) => void;
}

export interface NodeOutcome {
  output: unknown;
  /** The source handle taken; defaults to "out". Edges from other handles are excluded. */
  handle?: string;
  status?: 'ok' | 'fell_back';
  /** Extra trace fields: messages, model, tokens, prompt, error for fallbacks. */
  trace?: Partial<TraceEntry>;
}

export interface NodeDefinition<D> {
  type: string;
  label: string;
  description: string;
  /** A strict zod object: unknown keys are reported, known keys give the canonical key order. */
  data: z.ZodType<D>;
  defaults: () => D;
  /** False for nodes nothing may connect into (input). */
  acceptsInput: boolean;
  /** Source handles for the given data (conditions: one per case plus "default"). */
  handles: (data: D) => HandleSpec[];
  templates: (data: D) => (DataRef & { mode?: 'text' | 'json' })[];
  expressions: (data: D) => DataRef[];
  promptRefs: (data: D) => DataRef[];
  /** True when the node calls a model (its tokens may stream, its usage counts). */
  callsModel: boolean;
  run: (args: NodeRunArgs<D>) => Promise<NodeOutcome>;
}

/** Registry entries with their data type erased; validate() parses data before it is used. */
export type AnyNodeDefinition = NodeDefinition<never> & {
  data: z.ZodType<unknown>;
  defaults: () => Record<string, unknown>;
  handles: (data: unknown) => HandleSpec[];
  templates: (data: unknown) => (DataRef & { mode?: 'text' | 'json' })[];
  expressions: (data: unknown) => DataRef[];
  promptRefs: (data: unknown) => DataRef[];
  run: (args: NodeRunArgs<unknown>) => Promise<NodeOutcome>;
};

export const defineNode = <D>(def: NodeDefinition<D>): AnyNodeDefinition => def as unknown as AnyNodeDefinition;

export const mainHandle: HandleSpec[] = [{ id: 'out', label: 'out' }];
export const none = (): DataRef[] => [];
