// Test-side handle on the fake OpenAI server (test/helpers/fake-openai.ts), reached over HTTP
// because these tests run inside workerd. Each test uses its own model name, so files can run at once.
import { inject } from 'vitest';
import type { ChatMessage, LlmRequest } from '../../../worker/engine/types';
import type { FakeBehaviour, RecordedRequest } from '../../helpers/fake-openai';

export const fakeUrl = () => inject('fakeOpenAIUrl');
const control = (path: string) => new URL(`/__control/${path}`, fakeUrl()).toString();

/** A model name no other test uses; a prefix like "fake-server-error" picks a fake convention. */
export const uniqueModel = (prefix = 'model') => `${prefix}-${crypto.randomUUID()}`;

export async function script(model: string, behaviours: FakeBehaviour[]): Promise<void> {
  const res = await fetch(control('script'), { method: 'POST', body: JSON.stringify({ model, behaviours }) });
  if (!res.ok) throw new Error(`scripting the fake failed: ${res.status}`);
}

export async function setAnswer(model: string, content: unknown): Promise<void> {
  const res = await fetch(control('answers'), { method: 'POST', body: JSON.stringify({ model, content }) });
  if (!res.ok) throw new Error(`setting the fake's answer failed: ${res.status}`);
}

export async function received(model: string): Promise<RecordedRequest[]> {
  const res = await fetch(`${control('requests')}?model=${encodeURIComponent(model)}`);
  return ((await res.json()) as { requests: RecordedRequest[] }).requests;
}

export const user = (content: string): ChatMessage[] => [{ role: 'user', content }];

/** A request with sensible defaults and a generous deadline. */
export const request = (model: string, extra: Partial<LlmRequest> = {}): LlmRequest => ({
  provider: 'default',
  model,
  messages: user('Hello there'),
  signal: AbortSignal.timeout(10_000),
  ...extra,
});

/** The rejection of a promise, for asserting on codes and messages. */
export async function failure(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; retryable?: boolean; status?: number; retryAfterMs?: number }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
