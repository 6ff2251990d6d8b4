// Who sees what of a run. Traces (rendered system and user prompts, every node's output) go to
// the admin token, and to invoke keys only when the flow sets `"traceAccess": "keys"`; everyone
// else gets the answer: output, usage and versions. Streamed node events lose their output
// summaries and error messages for them.
import type { Flow, RunEvent } from '../engine';
import type { Who } from '../http/auth';
import { ApiError } from '../http/errors';

export function canSeeTrace(who: Who, flow: Flow): boolean {
  return who.caller === 'admin' || (who.caller === 'invoker' && flow.traceAccess === 'keys');
}

export const traceForbidden = () =>
  new ApiError(
    403,
    'trace_forbidden',
    'Traces (rendered prompts, node outputs) go to the admin token, or to invoke keys when the flow sets "traceAccess": "keys"; leave out ?trace=1.',
  );

/** A node event as a caller without trace access may see it. */
export function publicEvent(e: RunEvent): RunEvent {
  if (e.type !== 'node.end') return e;
  const { summary: _summary, error, ...rest } = e;
  return error ? { ...rest, error: { code: error.code, message: `node "${e.nodeId}" failed (${error.code})` } } : rest;
}
