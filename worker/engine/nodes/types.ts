// What a node type declares: its data schema (editor widgets in `.meta()`) and defaults, its
// handles, canvas summary and colour, the templates/expressions/prompt refs it holds, its own
// validation rules, whether it answers the run, and run(). The interpreter, validator, HTTP layer
// and editor read these declarations and never branch on a type name.
import type { z } from 'zod';
import type { EvalLimits } from '../limits';
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

export type TemplateRef = DataRef & { mode?: 'text' | 'json' };

/** Template scope: the request input and the outputs of finished upstream nodes. */
export interface Scope {
  input: Record<string, unknown>;
  nodes: Record<string, { output: unknown }>;
}

export interface NodeRunArgs<D> {
  id: string;
  data: D;
  /** Read-only: the run's shared scope (upstream outputs are there before this node starts). */
  scope: Scope;
  /** Upstream node ids whose edges into this node are live (taken), in edge order. */
  liveInputs: string[];
  /** Source handles of this node that have at least one outgoing edge. */
  connectedHandles: ReadonlySet<string>;
  llm: LlmClient;
  prompts: PromptResolver;
  /** Aborted on this node's timeout (reason: WeirError node_timeout) or when the run ends. */
  signal: AbortSignal;
  limits: EvalLimits;
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

/** What a node's own validation rules see: its parsed data and where it sits in the graph. */
export interface NodeCheckArgs<D> {
  id: string;
  data: D;
  /** Source handles with at least one outgoing edge. */
  connectedHandles: ReadonlySet<string>;
  /** Provider names the caller knows are configured (undefined: not known, not checked). */
  providers?: readonly string[];
  /** Severity for an unknown provider: an error where the configuration is authoritative (the worker). */
  providerSeverity: 'error' | 'warning';
  /** Reports a problem; `path` is inside the node's `data`. */
  report: (code: string, message: string, path: (string | number)[], severity?: 'error' | 'warning') => void;
}

/** The spec a node file passes to defineNode; everything optional has the default noted. */
export interface NodeSpec<D> {
  type: string;
  label: string;
  description: string;
  /** Canvas colour (CSS colour) of the node's accent and minimap dot. */
  color: string;
  /** A strict zod object: unknown keys are reported, known keys give the canonical key order. */
  data: z.ZodType<D>;
  defaults: () => D;
  /** One or two short canvas lines under the node id. Default: none. */
  summary?: (data: D) => string[];
  /** False for nodes nothing may connect into. Default true. */
  acceptsInput?: boolean;
  /** The flow's entry point: exactly one per flow, it starts the run. Default false. */
  entry?: boolean;
  /** Its output is the run's answer. Default false. */
  answersRun?: boolean;
  /** Answer nodes: true when the answer is a model node's text as is, so its tokens spell it. */
  answerIsVerbatim?: (data: D) => boolean;
  /** Source handles for the given data. Default: the main handle "out". */
  handles?: (data: D) => HandleSpec[];
  /** Default: none. */
  templates?: (data: D) => TemplateRef[];
  /** Default: none. */
  expressions?: (data: D) => DataRef[];
  /** Default: none. */
  promptRefs?: (data: D) => DataRef[];
  /** Provider names the node calls (checked against the configuration). Default: none. */
  providers?: (data: D) => DataRef[];
  /** True when the node calls a model (its tokens may stream, its usage counts). Default false. */
  callsModel?: boolean;
  /** Rules of this node type beyond its schema (run on data that matched the schema). */
  check?: (args: NodeCheckArgs<D>) => void;
  run: (args: NodeRunArgs<D>) => Promise<NodeOutcome>;
}

export type NodeDefinition<D> = Required<Omit<NodeSpec<D>, 'check' | 'answerIsVerbatim'>> & Pick<NodeSpec<D>, 'check' | 'answerIsVerbatim'>;

/** Registry entries with their data type erased; validate() parses data before it is used. */
export type AnyNodeDefinition = Omit<NodeDefinition<unknown>, 'defaults'> & { defaults: () => Record<string, unknown> };

export const mainHandle: HandleSpec[] = [{ id: 'out', label: 'out' }];
const none = (): never[] => [];

export function defineNode<D>(spec: NodeSpec<D>): AnyNodeDefinition {
  const def: NodeDefinition<D> = {
    summary: none,
    acceptsInput: true,
    entry: false,
    answersRun: false,
    handles: () => mainHandle,
    templates: none,
    expressions: none,
    promptRefs: none,
    providers: none,
    callsModel: false,
    ...spec,
  };
  return def as unknown as AnyNodeDefinition;
}
