// Retries a model call on retryable LlmErrors (429, 5xx, network) with exponential backoff and
// full jitter, honouring Retry-After, and never sleeping past the request's abort signal.
import { LlmError } from '../engine/errors';
import { abortError } from './classify';

export interface RetryOptions {
  /** Attempts in total, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The most we sleep across all retries of one call; a longer Retry-After fails at once. */
  budgetMs: number;
  /** Source of jitter in [0, 1); injectable for tests. */
  random?: () => number;
}

export const defaultRetry: RetryOptions = { attempts: 3, baseDelayMs: 250, maxDelayMs: 4000, budgetMs: 8000 };

/** Resolves after `ms`, or rejects as soon as `signal` aborts (classified like any abort). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The delay before attempt `attempt + 1` (attempt counts from 1): full jitter, capped. */
export function backoffDelay(attempt: number, opts: RetryOptions): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor((opts.random ?? Math.random)() * ceiling);
}

/**
 * Calls `fn(attempt)` until it succeeds, fails with a non-retryable error, or attempts or the
 * sleep budget run out. Resolves with the value and the number of attempts it took.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  signal: AbortSignal,
  options: Partial<RetryOptions> = {},
): Promise<{ value: T; attempts: number }> {
  const opts = { ...defaultRetry, ...options };
  let slept = 0;
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw abortError(signal);
    try {
      return { value: await fn(attempt), attempts: attempt };
    } catch (err) {
      if (!(err instanceof LlmError) || !err.retryable) throw err;
      if (attempt >= opts.attempts) throw attempt > 1 ? annotate(err, `gave up after ${attempt} attempts`) : err;
      const wait = err.retryAfterMs ?? backoffDelay(attempt, opts);
      // A server asking for more patience than we have left: say so now instead of sleeping.
      if (wait > opts.budgetMs - slept) throw annotate(err, `asked to wait ${wait} ms, more than the retry budget allows`);
      await sleep(wait, signal);
      slept += wait;
    }
  }
}

function annotate(err: LlmError, why: string): LlmError {
  const { status, retryable, retryAfterMs } = err;
  return new LlmError(err.code, `${err.message} (${why})`, { status, retryable, retryAfterMs });
}
