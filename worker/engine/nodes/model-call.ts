// Shared by the prompt and fine-tuned nodes: the data fields of a model call, building the
// messages from a KV prompt or inline text, calling the model and parsing JSON answers.
import * as z from 'zod';
import { Validator } from '@cfworker/json-schema';
import { WeirError, attachTrace, toWeirError } from '../errors';
import { renderTemplate } from '../template';
import type { ChatMessage, ResolvedPrompt, ResponseFormat, TraceEntry } from '../types';
import type { DataRef, NodeOutcome, NodeRunArgs, Scope } from './types';

export const PROMPT_REF = /^([a-z0-9][a-z0-9_-]*)@([a-z][a-z0-9_-]*|[1-9][0-9]*)$/;

export const promptSource = z.union([
  z.strictObject({ ref: z.string().regex(PROMPT_REF, 'a prompt reference is name@label or name@version, e.g. support-answer@production') }),
  z.strictObject({ text: z.string().min(1) }),
]);

export const responseFormat = z.union([
  z.strictObject({ type: z.literal('text') }),
  z.strictObject({ type: z.literal('json'), schema: z.record(z.string(), z.unknown()).optional() }),
]);

export const modelCallFields = {
  provider: z.string().min(1).optional().describe('Configured provider name; "default" when omitted'),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().max(200_000).optional(),
  responseFormat: responseFormat.optional(),
};

export interface ModelCallData {
  provider?: string;
  model?: string;
  system?: string;
  prompt?: z.infer<typeof promptSource>;
  temperature?: number;
  maxTokens?: number;
  responseFormat?: z.infer<typeof responseFormat>;
}

export const modelTemplates = (data: ModelCallData): DataRef[] => [
  ...(data.system ? [{ path: ['system'], source: data.system }] : []),
  ...(data.prompt && 'text' in data.prompt ? [{ path: ['prompt', 'text'], source: data.prompt.text }] : []),
];

export const modelPromptRefs = (data: ModelCallData): DataRef[] =>
  data.prompt && 'ref' in data.prompt ? [{ path: ['prompt', 'ref'], source: data.prompt.ref }] : [];

/** The request input as a user message: its only string field, or the whole input as JSON. */
export function inputAsText(input: Record<string, unknown>): string {
  const values = Object.values(input);
  if (values.length === 1 && typeof values[0] === 'string') return values[0];
  return JSON.stringify(input);
}

function buildMessages(data: ModelCallData, scope: Scope, resolved?: ResolvedPrompt): ChatMessage[] {
  const scopeRecord = scope as unknown as Record<string, unknown>;
  const messages: ChatMessage[] = [];
  if (data.system) messages.push({ role: 'system', content: renderTemplate(data.system, scopeRecord) });
  if (resolved && 'messages' in resolved.template) {
    for (const m of resolved.template.messages) {
      if (m.role === 'system' && data.system) continue; // the node's own system message wins
      messages.push({ role: m.role, content: renderTemplate(m.content, scopeRecord) });
    }
  } else if (resolved && 'text' in resolved.template) {
    messages.push({ role: 'user', content: renderTemplate(resolved.template.text, scopeRecord) });
  } else if (data.prompt && 'text' in data.prompt) {
    messages.push({ role: 'user', content: renderTemplate(data.prompt.text, scopeRecord) });
  } else {
    messages.push({ role: 'user', content: inputAsText(scope.input) });
  }
  return messages;
}

/** Parses a JSON answer (tolerating a ```json fence) and checks it against the schema, if any. */
export function parseJsonAnswer(text: string, format: Extract<ResponseFormat, { type: 'json' }>): unknown {
  const body = text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new WeirError('bad_json_output', `the model was asked for JSON but answered: ${text.slice(0, 120)}`);
  }
  if (format.schema) {
    const result = new Validator(format.schema as never, '2020-12', false).validate(value);
    if (!result.valid) {
      const first = result.errors
        .slice(0, 3)
        .map((e) => `${e.instanceLocation} ${e.error}`)
        .join('; ');
      throw new WeirError('bad_json_output', `the model's JSON does not match the schema: ${first}`);
    }
  }
  return value;
}

/** Resolves the prompt, renders the messages, calls the model and shapes the outcome. */
export async function callModel(
  args: NodeRunArgs<ModelCallData>,
  model: string | undefined,
  extra: Partial<TraceEntry> = {},
): Promise<NodeOutcome> {
  const { data, scope } = args;
  const ref = data.prompt && 'ref' in data.prompt ? data.prompt.ref : undefined;
  const resolved = ref ? await args.prompts.resolve(ref, args.signal) : undefined;
  const trace: Partial<TraceEntry> = { ...extra };
  if (ref && resolved) trace.prompt = { ref, name: resolved.name, version: resolved.version };
  const messages = buildMessages(data, scope, resolved);
  trace.messages = messages;
  const chosenModel = model ?? resolved?.model;
  if (!chosenModel)
    throw new WeirError('node_failed', 'no model: set data.model or give the prompt version a default model', { nodeId: args.id });
  const format: ResponseFormat = data.responseFormat ?? { type: 'text' };
  const provider = data.provider ?? 'default';
  trace.provider = provider;
  trace.model = chosenModel;
  const response = await args.llm
    .complete({
      provider,
      model: chosenModel,
      messages,
      temperature: data.temperature ?? resolved?.temperature,
      maxTokens: data.maxTokens ?? resolved?.maxTokens,
      responseFormat: format,
      signal: args.signal,
      onToken: format.type === 'text' ? args.onToken : undefined,
    })
    .catch((err: unknown) => {
      throw attachTrace(toWeirError(err, 'provider_error', args.id), trace);
    });
  Object.assign(trace, { model: response.model, provider: response.provider, tokens: response.usage, attempts: response.attempts });
  if (response.echo) trace.echo = true;
  const output = format.type === 'json' ? parseJsonAnswer(response.text, format) : response.text;
  return { output, trace };
}
