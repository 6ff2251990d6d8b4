// OpenAI's wire format for the flows-as-models endpoint: the chat request, how its messages
// become a flow's input (the flow's `chat` mapping), completions and chunks, and errors in
// OpenAI's shape {"error": {message, type, code, param}} so OpenAI SDKs raise the right class.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import { tokensSpellAnswer, type Flow, type RunResult } from '../engine';
import type { ErrorBody } from './errors';

export const MAX_CHAT_BYTES = 256 * 1024;

const contentPart = z.object({ type: z.string(), text: z.string().optional() });
const chatMessage = z.object({
  role: z.string().min(1),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
});

/** The fields Weir reads; others (temperature, max_tokens, user ...) are accepted and ignored: the flow decides. */
export const chatRequest = z.object({
  model: z.string().min(1),
  messages: z.array(chatMessage).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  n: z.literal(1).nullish(),
  /** Weir extension: further input fields for flows that need more than the conversation. */
  input: z.record(z.string(), z.unknown()).optional(),
});
export type ChatRequest = z.infer<typeof chatRequest>;
type ChatMessage = z.infer<typeof chatMessage>;

const textOf = (m: ChatMessage): string =>
  typeof m.content === 'string' ? m.content : (m.content ?? []).map((p) => (p.type === 'text' ? (p.text ?? '') : '')).join('');

/** `chat.messageField` (default `question`) gets the last user message; `chat.historyField`, if set, every message. */
export function chatInput(flow: Flow, req: ChatRequest): Record<string, unknown> | undefined {
  const last = [...req.messages].reverse().find((m) => m.role === 'user');
  if (!last) return undefined;
  const input: Record<string, unknown> = { ...req.input, [flow.chat?.messageField ?? 'question']: textOf(last) };
  if (flow.chat?.historyField) input[flow.chat.historyField] = req.messages.map((m) => ({ role: m.role, content: textOf(m) }));
  return input;
}

/** Whether the engine's token events spell the answer itself (no output mapping that reshapes it). */
export const tokensAreAnswer = (flow: Flow): boolean => tokensSpellAnswer(flow);

export const contentOf = (output: unknown): string => (typeof output === 'string' ? output : JSON.stringify(output ?? null));

export const chatUsage = (u: RunResult['usage']) => ({
  prompt_tokens: u.inputTokens,
  completion_tokens: u.outputTokens,
  total_tokens: u.inputTokens + u.outputTokens,
});

export interface CompletionBase {
  id: string;
  created: number;
  model: string;
  system_fingerprint: string;
}

export function completion(base: CompletionBase, result: RunResult, weir: Record<string, unknown>) {
  return {
    ...base,
    object: 'chat.completion' as const,
    choices: [
      {
        index: 0,
        message: { role: 'assistant' as const, content: contentOf(result.output), refusal: null },
        logprobs: null,
        finish_reason: 'stop' as const,
      },
    ],
    usage: chatUsage(result.usage),
    weir,
  };
}

export function chunk(base: CompletionBase, delta: Record<string, unknown>, finish: 'stop' | null = null) {
  return { ...base, object: 'chat.completion.chunk' as const, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] };
}

function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** Weir's error body in OpenAI's shape; a missing flow is OpenAI's `model_not_found`. */
export function openAiError(status: ContentfulStatusCode, body: ErrorBody, param: string | null = null) {
  const e = body.error;
  const code = status === 404 && e.code === 'not_found' ? 'model_not_found' : e.code;
  return {
    error: {
      message: e.message,
      type: errorType(status),
      code,
      param,
      ...(e.nodeId ? { node_id: e.nodeId } : {}),
      ...(e.issues ? { issues: e.issues } : {}),
    },
  };
}
