// One error shape for every answer: {"error": {code, message, nodeId?, issues?}}. ApiError is for
// HTTP-level failures; engine and store errors are mapped to statuses here, in one table.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { WeirError } from '../engine/errors';
import type { Problem } from '../engine/problems';
import { ProviderConfigError } from '../providers';
import { StoreError } from '../store/errors';

export interface ErrorBody {
  error: { code: string; message: string; nodeId?: string; issues?: Problem[] };
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: Problem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Engine error codes to HTTP statuses; anything not listed is a 500. */
const engineStatus: Record<string, ContentfulStatusCode> = {
  invalid_flow: 422,
  invalid_input: 400,
  prompt_not_found: 404,
  deadline_exceeded: 504,
  node_timeout: 504,
  provider_timeout: 504,
  cancelled: 499 as ContentfulStatusCode,
  bad_json_output: 502,
  // The flow could not be evaluated for this input: the flow's fault (or the input's), not the server's.
  expression_error: 422,
  template_error: 422,
  no_output: 422,
  too_many_executions: 422,
  // Evaluation limits (worker/engine/limits.ts): the flow asked too much of this input.
  expression_too_costly: 422,
  template_too_large: 413,
  output_too_large: 413,
  input_too_large: 413,
};

export function statusForCode(code: string): ContentfulStatusCode {
  if (code in engineStatus) return engineStatus[code];
  if (code.startsWith('provider_')) return 502;
  return 500;
}

const storeStatus: Record<StoreError['code'], ContentfulStatusCode> = { not_found: 404, invalid: 400, conflict: 409 };

function issuesOf(details: unknown): Problem[] | undefined {
  const issues = (details as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as Problem[]) : undefined;
}

/** Any thrown value as a status and a body; unknown errors never leak their message or stack. */
export function toErrorResponse(err: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  const body = (code: string, message: string, extra: { nodeId?: string; issues?: Problem[] } = {}): ErrorBody => ({
    error: { code, message, ...(extra.nodeId ? { nodeId: extra.nodeId } : {}), ...(extra.issues ? { issues: extra.issues } : {}) },
  });
  if (err instanceof ApiError) return { status: err.status, body: body(err.code, err.message, { issues: err.issues }) };
  if (err instanceof StoreError)
    return {
      status: storeStatus[err.code],
      body: body(err.code === 'invalid' ? 'bad_request' : err.code, err.message, { issues: err.issues }),
    };
  if (err instanceof WeirError)
    return { status: statusForCode(err.code), body: body(err.code, err.message, { nodeId: err.nodeId, issues: issuesOf(err.details) }) };
  if (err instanceof ProviderConfigError) return { status: 500, body: body('provider_config', err.message) };
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return { status, body: body(status === 413 ? 'payload_too_large' : 'http_error', err.message || 'request failed') };
  }
  return { status: 500, body: body('internal', 'Something went wrong inside the worker.') };
}
