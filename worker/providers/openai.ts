// The OpenAI-compatible provider: OpenAI itself or any server speaking its chat completions API
// (Ollama, vLLM, gateways, Workers AI's compat endpoint), through the official SDK.
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { LlmClient, LlmRequest, LlmResponse, ResponseFormat, Usage } from '../engine/types';
import { capAnswer, DEFAULT_MAX_ANSWER_BYTES } from './answer-cap';
import { badResponse, classifyError, type CallContext } from './classify';
import { withRetry, type RetryOptions } from './retry';
import { estimateTokens, estimateUsage, usageFromOpenAI } from './tokens';

export interface OpenAIProviderOptions {
  /** The configured provider name, reported in responses and errors. */
  name: string;
  baseURL: string;
  /** Without a key (a local server) no Authorization header is sent. */
  apiKey?: string;
  retry?: Partial<RetryOptions>;
  /** OpenAI's newer models take max_completion_tokens; compatible servers mostly max_tokens. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Past this many bytes an answer (JSON or stream) fails as provider_bad_response. */
  maxAnswerBytes?: number;
  fetch?: typeof fetch;
}

type Attempt = Omit<LlmResponse, 'attempts'>;
type Body = Omit<ChatCompletionCreateParamsBase, 'stream'>;

function responseFormat(format: ResponseFormat | undefined): Pick<Body, 'response_format'> {
  if (format?.type !== 'json') return {};
  if (!format.schema) return { response_format: { type: 'json_object' } };
  return { response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: format.schema, strict: false } } };
}

export function createOpenAIProvider(opts: OpenAIProviderOptions): LlmClient {
  const rawFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const maxAnswerBytes = opts.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  const baseFetch: typeof fetch = async (input, init) => capAnswer(await rawFetch(input, init), maxAnswerBytes);
  const client = new OpenAI({
    // Explicit values everywhere, so the SDK never picks up OPENAI_* from process.env.
    apiKey: opts.apiKey || 'unused',
    baseURL: opts.baseURL,
    organization: null,
    project: null,
    webhookSecret: null,
    maxRetries: 0, // we retry ourselves, bounded by the request's deadline
    logLevel: 'off', // its logs may carry request details; our errors say what matters
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (opts.apiKey) return baseFetch(input, init);
      const headers = new Headers(init?.headers);
      headers.delete('authorization');
      return baseFetch(input, { ...init, headers });
    }) as never,
  });
  const maxTokensField =
    opts.maxTokensField ?? (new URL(opts.baseURL).hostname === 'api.openai.com' ? 'max_completion_tokens' : 'max_tokens');

  async function attempt(req: LlmRequest): Promise<Attempt> {
    const ctx: CallContext = { provider: opts.name, model: req.model, signal: req.signal, secrets: [opts.apiKey] };
    const body: Body = {
      model: req.model,
      messages: req.messages,
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      ...(req.maxTokens !== undefined ? { [maxTokensField]: req.maxTokens } : {}),
      ...responseFormat(req.responseFormat),
    };
    if (!req.onToken) {
      const completion = await client.chat.completions
        .create({ ...body, stream: false }, { signal: req.signal })
        .catch((err: unknown) => Promise.reject(classifyError(err, ctx)));
      const message = completion?.choices?.[0]?.message;
      if (!message) throw badResponse('the answer has no choices', ctx);
      const text = message.content ?? '';
      const usage = completion.usage ? usageFromOpenAI(completion.usage) : estimateUsage(req.messages, text);
      return { text, model: completion.model || req.model, provider: opts.name, usage };
    }
    const stream = await client.chat.completions
      .create({ ...body, stream: true, stream_options: { include_usage: true } }, { signal: req.signal })
      .catch((err: unknown) => Promise.reject(classifyError(err, ctx)));
    let text = '';
    let model = req.model;
    let finished = false;
    let inputTokens: number | undefined;
    let outputTokens: number | undefined;
    let details: Partial<Usage> = {};
    let callerError: { error: unknown } | undefined;
    try {
      for await (const chunk of stream) {
        if (chunk.model) model = chunk.model;
        if (chunk.usage) ({ inputTokens, outputTokens, ...details } = usageFromOpenAI(chunk.usage));
        const choice = chunk.choices?.[0];
        const delta = choice?.delta?.content;
        if (delta) {
          text += delta;
          ctx.streamed = true;
          try {
            req.onToken(delta);
          } catch (error) {
            callerError = { error }; // the caller's bug, not a bad stream: leave the loop, rethrow as is
            break;
          }
        }
        if (choice?.finish_reason) finished = true;
      }
    } catch (err) {
      throw classifyError(err, { ...ctx, phase: 'stream' });
    }
    if (callerError) throw callerError.error;
    if (req.signal.aborted) throw classifyError(req.signal.reason, ctx);
    if (!finished) throw badResponse('the stream ended before the model finished', ctx);
    const usage = {
      inputTokens: inputTokens ?? estimateUsage(req.messages, text).inputTokens,
      outputTokens: outputTokens ?? estimateTokens(text),
      ...details,
    };
    return { text, model, provider: opts.name, usage };
  }

  return {
    async complete(req) {
      const { value, attempts } = await withRetry(() => attempt(req), req.signal, opts.retry);
      return { ...value, attempts };
    },
  };
}
