// Issue 8 §6: a provider answer of ~300 MB must fail as provider_bad_response, counted while it
// arrives (the rest never downloaded), in JSON and streamed answers, and never be retried.
import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../worker/engine/errors';
import { createOpenAIProvider } from '../../../worker/providers';
import { DEFAULT_MAX_ANSWER_BYTES } from '../../../worker/providers/answer-cap';
import { failure, fakeUrl, received, request, script, uniqueModel } from './fake-control';

const provider = (maxAnswerBytes?: number) =>
  createOpenAIProvider({ name: 'default', baseURL: fakeUrl(), apiKey: 'sk-size-test-123456', maxAnswerBytes, retry: { baseDelayMs: 1 } });

/** The fake records how much it wrote once it is done; give it a moment after our side gave up. */
async function sentBy(model: string): Promise<{ bytesSent?: number; clientHungUp?: boolean }[]> {
  for (let i = 0; i < 50; i++) {
    const reqs = await received(model);
    if (reqs.length && reqs.every((r) => r.clientHungUp !== undefined)) return reqs;
    await new Promise((r) => setTimeout(r, 100));
  }
  return received(model);
}

describe('provider answer size cap', { timeout: 60_000 }, () => {
  it('fails a 300 MB JSON answer as provider_bad_response at the default cap, without downloading the rest or retrying', async () => {
    const model = uniqueModel('fake-huge-answer');
    const err = await failure(provider().complete(request(model)));
    expect(err).toBeInstanceOf(LlmError);
    expect(err).toMatchObject({ code: 'provider_bad_response', retryable: false });
    expect(err.message).toContain('larger than 16 MB');
    const reqs = await sentBy(model);
    expect(reqs).toHaveLength(1);
    expect(reqs[0].clientHungUp).toBe(true);
    // What was written is bounded by the cap plus what sits in socket buffers, far from 300 MB.
    expect(reqs[0].bytesSent).toBeLessThan(DEFAULT_MAX_ANSWER_BYTES + 16 * 1024 * 1024);
  });

  it('fails a 300 MB streamed answer the same way, after tokens started', async () => {
    const model = uniqueModel('fake-huge-answer');
    let streamed = 0;
    const err = await failure(provider().complete(request(model, { onToken: (t) => void (streamed += t.length) })));
    expect(err).toMatchObject({ code: 'provider_bad_response', retryable: false });
    expect(streamed).toBeGreaterThan(0);
    expect(streamed).toBeLessThanOrEqual(DEFAULT_MAX_ANSWER_BYTES);
    const reqs = await sentBy(model);
    expect(reqs).toHaveLength(1);
    expect(reqs[0].clientHungUp).toBe(true);
  });

  it('honours a provider’s own smaller cap and lets answers under it through', async () => {
    const big = uniqueModel('big');
    await script(big, [{ kind: 'huge', hugeBytes: 2 * 1024 * 1024 }]);
    const err = await failure(provider(1024 * 1024).complete(request(big)));
    expect(err).toMatchObject({ code: 'provider_bad_response' });
    expect(err.message).toContain('larger than 1 MB');
    const fits = uniqueModel('fits');
    await script(fits, [{ kind: 'huge', hugeBytes: 512 * 1024 }]);
    const answer = await provider(1024 * 1024).complete(request(fits));
    expect(answer.text.length).toBeGreaterThanOrEqual(512 * 1024);
  });
});
