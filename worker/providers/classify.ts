// Turns whatever a provider call threw (SDK errors, fetch failures, aborts, bad bodies) into an
// LlmError with a stable code, a retryable flag and a message with every secret redacted.
// Retryable: 429, 408/409, 5xx, network, and bad bodies or cut streams (gateways garble answers
// now and then) unless tokens already reached the caller. Final: auth, unknown model, other 4xx.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { LlmError, WeirError, type ErrorCode } from '../engine/errors';
import { tooLargeIn } from './answer-cap';
import { redactSecrets } from './redact';

export interface CallContext {
  provider: string;
  model: string;
  signal: AbortSignal;
  /** Keys to redact from messages. */
  secrets: readonly (string | undefined)[];
  /** 'stream': the response had started; a failure now means a cut or garbled stream. */
  phase?: 'request' | 'stream';
  /** Tokens already went to the caller, so another attempt would repeat them: no retry. */
  streamed?: boolean;
}

/** Why the signal aborted: a WeirError reason (e.g. the run was cancelled) as is, else a timeout. */
export function abortError(signal: AbortSignal): WeirError {
  if (signal.reason instanceof WeirError) return signal.reason;
  return new LlmError('provider_timeout', 'the provider did not answer before the deadline', { retryable: false });
}

/** Milliseconds from `retry-after-ms`, or `retry-after` as seconds or an HTTP date. */
export function parseRetryAfter(headers: Headers | undefined | null, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms);
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const MODEL_MISSING = /model.*(not found|does not exist|not exist)|(no such|unknown) model/i;

export function classifyError(err: unknown, ctx: CallContext): WeirError {
  if (ctx.signal.aborted) return abortError(ctx.signal);
  if (err instanceof WeirError) return err;
  const who = `provider '${ctx.provider}' (model ${ctx.model})`;
  const tooLarge = tooLargeIn(err);
  // Not retried: the same request would most likely bring the same flood.
  if (tooLarge) return new LlmError('provider_bad_response', `${who}: ${tooLarge.message}`, { retryable: false });
  const make = (code: ErrorCode, what: string, opts: { status?: number; retryable?: boolean; retryAfterMs?: number } = {}) => {
    // Bounded: an upstream error body can be arbitrarily long.
    const detail = upstreamMessage(err).slice(0, 500);
    const message = redactSecrets(`${who}: ${what}${detail ? `: ${detail}` : ''}`, ctx.secrets);
    return new LlmError(code, message, { ...opts, retryable: (opts.retryable ?? false) && !ctx.streamed });
  };
  if (err instanceof APIError && typeof err.status === 'number') {
    const status = err.status;
    const retryAfterMs = parseRetryAfter(err.headers);
    if (status === 401 || status === 403) return make('provider_auth', `rejected the credentials (${status})`, { status });
    if (status === 404 || MODEL_MISSING.test(upstreamMessage(err))) {
      return make('provider_model_not_found', `does not know the model (${status})`, { status });
    }
    if (status === 429) return make('provider_rate_limited', 'rate limited (429)', { status, retryable: true, retryAfterMs });
    if (status === 408 || status === 409 || status >= 500) {
      return make('provider_error', `failed (${status})`, { status, retryable: true, retryAfterMs });
    }
    return make('provider_bad_request', `rejected the request (${status})`, { status });
  }
  if (err instanceof APIConnectionTimeoutError) return make('provider_timeout', 'timed out');
  if (ctx.phase === 'stream') return make('provider_bad_response', 'the stream broke off or was garbled', { retryable: true });
  if (err instanceof SyntaxError) return make('provider_bad_response', 'answered with malformed JSON', { retryable: true });
  if (err instanceof APIConnectionError || err instanceof TypeError) {
    return make('provider_error', 'could not be reached', { retryable: true });
  }
  return make('provider_error', 'failed', { retryable: true });
}

/** A malformed answer we noticed ourselves (no choices, a stream without an end). */
export function badResponse(what: string, ctx: CallContext): LlmError {
  return new LlmError('provider_bad_response', redactSecrets(`provider '${ctx.provider}' (model ${ctx.model}): ${what}`, ctx.secrets), {
    retryable: !ctx.streamed,
  });
}

function upstreamMessage(err: unknown): string {
  if (err instanceof APIError) {
    const inner = (err.error as { message?: unknown } | undefined)?.message;
    if (typeof inner === 'string') return inner;
  }
  const message = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return (message + cause).slice(0, 300);
}
