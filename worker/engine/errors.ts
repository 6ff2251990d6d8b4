// Typed errors with stable codes. Every failure the engine reports carries one of these codes,
// so the HTTP layer, the CLI and the editor can react without parsing messages.

export const errorCodes = {
  invalid_flow: 'The flow has structural problems (see issues).',
  invalid_input: 'The request input does not match the flow input declaration.',
  node_failed: 'A node failed; its dependents were skipped.',
  deadline_exceeded: 'The run deadline passed before the flow finished.',
  node_timeout: 'A node took longer than the per-node timeout.',
  cancelled: 'The run was cancelled (the client went away).',
  too_many_executions: 'The run exceeded its cap on node executions.',
  expression_too_costly: 'A CEL expression would cost more than its limit on this data.',
  template_too_large: 'A template rendered past its size or section-iteration limit.',
  output_too_large: "A node's output passed its size limit.",
  input_too_large: 'The request input has a list longer than the limit.',
  no_output: 'The run finished without reaching an output node.',
  template_error: 'A template could not be rendered.',
  expression_error: 'A CEL expression failed to evaluate.',
  prompt_not_found: 'A prompt reference did not resolve.',
  provider_auth: 'The provider rejected the credentials.',
  provider_model_not_found: 'The provider does not know the model.',
  provider_rate_limited: 'The provider kept answering 429 until retries ran out.',
  provider_timeout: 'The provider did not answer in time.',
  provider_bad_response: 'The provider answered with a malformed body.',
  provider_error: 'The provider failed (5xx or network) until retries ran out.',
  provider_bad_request: 'The provider rejected the request (4xx).',
  provider_unknown: 'The node names a provider that is not configured.',
  bad_json_output: 'A node asked for JSON but the model answered something else.',
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** An error the engine understands: a code from `errorCodes`, a message, maybe the node at fault. */
export class WeirError extends Error {
  readonly code: ErrorCode;
  readonly nodeId?: string;
  readonly details?: unknown;
  /** What the failing node had done so far (rendered messages, model), for its trace entry. */
  partialTrace?: Record<string, unknown>;
  constructor(code: ErrorCode, message?: string, opts: { nodeId?: string; details?: unknown; cause?: unknown } = {}) {
    super(message ?? errorCodes[code], opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'WeirError';
    this.code = code;
    this.nodeId = opts.nodeId;
    this.details = opts.details;
  }
}

/** Provider failures: the code says what happened, `retryable` whether another attempt may help. */
export class LlmError extends WeirError {
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  constructor(
    code: ErrorCode,
    message: string,
    opts: { status?: number; retryable?: boolean; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(code, message, { cause: opts.cause });
    this.name = 'LlmError';
    this.status = opts.status;
    this.retryable = opts.retryable ?? false;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** Any thrown value as a WeirError, so callers never see an untyped error. */
export function toWeirError(err: unknown, fallback: ErrorCode = 'node_failed', nodeId?: string): WeirError {
  if (err instanceof WeirError) return err;
  if (err instanceof Error && err.name === 'AbortError') return new WeirError('cancelled', 'The run was cancelled.', { nodeId });
  const message = err instanceof Error ? err.message : String(err);
  return new WeirError(fallback, message, { nodeId, cause: err });
}

export function attachTrace<E extends WeirError>(err: E, trace: object): E {
  err.partialTrace = { ...err.partialTrace, ...trace };
  return err;
}
