// Echo models that fail the way a real model fails, so a fallback can be seen offline:
// `echo:fail-404` (model not found), `echo:fail-500` (server error), `echo:fail-429` (rate
// limited), `echo:fail-auth` (bad key) and `echo:fail-timeout` (never answers; the node timeout
// or the run deadline ends the call). Any other model name answers normally.
import { LlmError } from '../engine/errors';
import { abortError } from './classify';

export const ECHO_FAILURE_MODELS = ['echo:fail-404', 'echo:fail-500', 'echo:fail-429', 'echo:fail-auth', 'echo:fail-timeout'] as const;

/** Throws (or, for a timeout, waits for the abort and throws) when the model names a failure. */
export async function echoFailure(model: string, signal: AbortSignal): Promise<void> {
  const who = `provider 'echo' (model ${model})`;
  switch (model) {
    case 'echo:fail-404':
      throw new LlmError('provider_model_not_found', `${who}: the model does not exist (404)`, { status: 404 });
    case 'echo:fail-500':
      throw new LlmError('provider_error', `${who}: the provider failed (500)`, { status: 500 });
    case 'echo:fail-429':
      throw new LlmError('provider_rate_limited', `${who}: rate limited (429)`, { status: 429 });
    case 'echo:fail-auth':
      throw new LlmError('provider_auth', `${who}: the API key was refused (401)`, { status: 401 });
    case 'echo:fail-timeout':
      await new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      throw abortError(signal);
    default:
      return;
  }
}
