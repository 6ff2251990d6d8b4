// Shared by the prompt and fine-tuned nodes: the data fields of a model call, building the
// messages from a KV prompt or inline text, calling the model and parsing JSON answers.
import * as z from 'zod';
import { Validator } from '@cfworker/json-schema';
import { WeirError, attachTrace, toWeirError } from '../errors';
import { jsonSchemaProblems } from '../json-schema-meta';
import { renderTemplate, type TemplateLimits } from '../template';
import type { ChatMessage, ResolvedPrompt, ResponseFormat, TraceEntry } from '../types';
import { widget } from '../widgets';
import type { DataRef, NodeCheckArgs, NodeOutcome, NodeRunArgs, Scope, TemplateRef } from './types';

export const PROMPT_REF = /^([a-z0-9][a-z0-9_-]*)@([a-z][a-z0-9_-]*|[1-9][0-9]*)$/;

export const promptSource = widget(
  z.union([
    z.strictObject({
      ref: z.string().regex(PROMPT_REF, 'a prompt reference is name@label or name@version, e.g. support-answer@production'),
    }),
    z.strictObject({ text: widget(z.string().min(1), 'template') }),
  ]),
  'prompt-ref',
);

export const responseFormat = z.union([
  z.strictObject({ type: z.literal('text') }),
  z.strictObject({
    type: z.literal('json'),
    schema: widget(z.record(z.string(), z.unknown()), 'json-schema', 'JSON Schema the answer must match').optional(),
  }),
]);

export const modelCallFields = {
  provider: widget(z.string().min(1), 'provider', 'Configured provider name; "default" when omitted').optional(),
  system: widget(z.string(), 'template', 'System message (a template)').optional(),
  temperature: widget(z.number().min(0).max(2), 'number').optional(),
  maxTokens: widget(z.number().int().positive().max(200_000), 'number').optional(),
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

export const modelTemplates = (data: ModelCallData): TemplateRef[] => [
  ...(data.system ? [{ path: ['system'], source: data.system }] : []),
  ...(data.prompt && 'text' in data.prompt ? [{ path: ['prompt', 'text'], source: data.prompt.text }] : []),
];

export const modelPromptRefs = (data: ModelCallData): DataRef[] =>
  data.prompt && 'ref' in data.prompt ? [{ path: ['prompt', 'ref'], source: data.prompt.ref }] : [];

export const modelProviders = (data: ModelCallData): DataRef[] => (data.provider ? [{ path: ['provider'], source: data.provider }] : []);

/** Rules shared by model nodes: a known provider, and a response schema that is a JSON Schema. */
export function checkModelCall({ data, providers, providerSeverity, report }: NodeCheckArgs<ModelCallData>): void {
  const provider = data.provider ?? 'default';
  if (providers && !providers.includes(provider))
    report(
      'unknown_provider',
      `provider "${provider}" is not configured (configured: ${providers.join(', ') || 'none'})`,
      ['provider'],
      providerSeverity,
    );
  const format = data.responseFormat;
  if (format?.type === 'json' && format.schema)
    for (const p of jsonSchemaProblems(format.schema))
      report('invalid_json_schema', `the response schema is not a valid JSON Schema at ${p.pointer || '/'}: ${p.message}`, [
        'responseFormat',
        'schema',
        ...p.pointer.split('/').slice(1).map(decodePointer),
      ]);
}

const decodePointer = (s: string) => decodeURIComponent(s).replaceAll('~1', '/').replaceAll('~0', '~');

/** The canvas line of a model call: provider, model, json, and the prompt. */
export function modelSummary(data: ModelCallData, model: string): string[] {
  const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const prompt =
    data.prompt && 'ref' in data.prompt
      ? `prompt ${data.prompt.ref}`
      : data.prompt && 'text' in data.prompt
        ? `“${clip(data.prompt.text.replace(/\s+/g, ' '), 40)}”`
        : undefined;
  return [
    `${data.provider ? `${data.provider} · ` : ''}${clip(model, 44)}${data.responseFormat?.type === 'json' ? ' · json' : ''}`,
    ...(prompt ? [prompt] : []),
  ];
}

/** The request input as a user message: its only string field, or the whole input as JSON. */
export function inputAsText(input: Record<string, unknown>): string {
  const values = Object.values(input);
  if (values.length === 1 && typeof values[0] === 'string') return values[0];
  return JSON.stringify(input);
}

function buildMessages(data: ModelCallData, scope: Scope, limits: TemplateLimits, resolved?: ResolvedPrompt): ChatMessage[] {
  const render = (text: string) => renderTemplate(text, scope, 'text', limits);
  const messages: ChatMessage[] = [];
  if (data.system) messages.push({ role: 'system', content: render(data.system) });
  if (resolved && 'messages' in resolved.template) {
    for (const m of resolved.template.messages) {
      if (m.role === 'system' && data.system) continue; // the node's own system message wins
      messages.push({ role: m.role, content: render(m.content) });
    }
  } else if (resolved && 'text' in resolved.template) {
    messages.push({ role: 'user', content: render(resolved.template.text) });
  } else if (data.prompt && 'text' in data.prompt) {
    messages.push({ role: 'user', content: render(data.prompt.text) });
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
  const messages = buildMessages(data, scope, args.limits, resolved);
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
  if (format.type !== 'json') return { output: response.text, trace };
  try {
    return { output: parseJsonAnswer(response.text, format), trace };
  } catch (err) {
    throw attachTrace(toWeirError(err, 'bad_json_output', args.id), trace);
  }
}
