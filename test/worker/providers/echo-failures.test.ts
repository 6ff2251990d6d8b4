// Echo failure models: `echo:fail-...` fails the way a real provider fails, offline.
import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../worker/engine/errors';
import { fallsBack } from '../../../worker/engine/nodes/finetuned';
import { createEchoProvider } from '../../../worker/providers/echo';
import { failure, request } from './fake-control';

const echo = createEchoProvider({ name: 'echo' });

describe('echo failure models', () => {
  it.each([
    ['echo:fail-404', 'provider_model_not_found', 404],
    ['echo:fail-500', 'provider_error', 500],
    ['echo:fail-429', 'provider_rate_limited', 429],
    ['echo:fail-auth', 'provider_auth', 401],
  ])('%s fails with %s and status %i, a final failure that may take a fallback', async (model, code, status) => {
    const err = await failure(echo.complete(request(model)));
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).code).toBe(code);
    expect((err as LlmError).status).toBe(status);
    expect(fallsBack(err as LlmError)).toBe(true);
  });

  it('echo:fail-timeout never answers and ends as provider_timeout when the call is aborted', async () => {
    const signal = AbortSignal.timeout(50);
    const err = await failure(echo.complete(request('echo:fail-timeout', { signal })));
    expect((err as LlmError).code).toBe('provider_timeout');
  });

  it('any other echo model still answers', async () => {
    const answer = await echo.complete(request('echo:fine'));
    expect(answer.text).toBe('[echo echo:fine] Hello there');
  });
});
