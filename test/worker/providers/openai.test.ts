// The OpenAI-compatible provider against the fake server: plain and streamed answers, usage,
// JSON modes and what goes over the wire.
import { describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../../../worker/providers/openai';
import { fakeUrl, received, request, setAnswer, uniqueModel, user } from './fake-control';

const provider = (apiKey?: string) =>
  createOpenAIProvider({ name: 'default', baseURL: fakeUrl(), apiKey, retry: { baseDelayMs: 1, maxDelayMs: 5 } });

describe('openai provider', () => {
  it('returns the answer text, model and usage of a plain completion', async () => {
    const model = uniqueModel();
    const res = await provider('sk-test-key-123456').complete(request(model, { messages: user('What is Weir?') }));
    expect(res).toMatchObject({ text: `fake answer from ${model}: What is Weir?`, model, provider: 'default', attempts: 1 });
    expect(res.usage.inputTokens).toBeGreaterThan(0);
    expect(res.usage.outputTokens).toBe(Math.ceil(res.text.length / 4));
    expect(res.echo).toBeUndefined();
  });

  it('streams tokens through onToken and still resolves with the full text and reported usage', async () => {
    const model = uniqueModel();
    const tokens: string[] = [];
    const res = await provider('sk-test-key-123456').complete(
      request(model, { messages: user('stream me please'), onToken: (t) => tokens.push(t) }),
    );
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.join('')).toBe(res.text);
    expect(res.text).toBe(`fake answer from ${model}: stream me please`);
    expect(res.usage).toEqual({ inputTokens: Math.ceil('stream me please'.length / 4), outputTokens: Math.ceil(res.text.length / 4) });
    const [sent] = await received(model);
    expect(sent.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('rethrows an error thrown by onToken as is, without retrying', async () => {
    const model = uniqueModel();
    const boom = new Error('the consumer broke');
    const onToken = () => {
      throw boom;
    };
    await expect(provider('sk-test-key-123456').complete(request(model, { onToken }))).rejects.toBe(boom);
    expect(await received(model)).toHaveLength(1);
  });

  it('sends the messages, temperature, max tokens and the key as a bearer token', async () => {
    const model = uniqueModel();
    const messages = [
      { role: 'system' as const, content: 'Be brief.' },
      { role: 'user' as const, content: 'Hi' },
    ];
    await provider('sk-test-key-123456').complete(request(model, { messages, temperature: 0.2, maxTokens: 50 }));
    const [sent] = await received(model);
    expect(sent.authorization).toBe('Bearer sk-test-key-123456');
    expect(sent.body).toMatchObject({ model, messages, temperature: 0.2, max_tokens: 50 });
    expect(sent.body).not.toHaveProperty('response_format');
  });

  it('sends no Authorization header to a server configured without a key', async () => {
    const model = uniqueModel();
    await provider().complete(request(model));
    const [sent] = await received(model);
    expect(sent.authorization).toBeUndefined();
  });

  it('asks for a JSON object when JSON is wanted without a schema', async () => {
    const model = uniqueModel();
    const res = await provider('sk-test-key-123456').complete(request(model, { responseFormat: { type: 'json' } }));
    expect(JSON.parse(res.text)).toEqual({ answer: 'fake' });
    const [sent] = await received(model);
    expect(sent.body).toMatchObject({ response_format: { type: 'json_object' } });
  });

  it('passes a JSON schema as a non-strict json_schema format named "answer"', async () => {
    const model = uniqueModel();
    const schema = { type: 'object', properties: { label: { type: 'string', enum: ['billing', 'bug'] }, confidence: { type: 'number' } } };
    const res = await provider('sk-test-key-123456').complete(request(model, { responseFormat: { type: 'json', schema } }));
    expect(JSON.parse(res.text)).toEqual({ label: 'billing', confidence: 0 });
    const [sent] = await received(model);
    expect(sent.body).toMatchObject({ response_format: { type: 'json_schema', json_schema: { name: 'answer', schema, strict: false } } });
  });

  it('returns a scripted answer for a model, so flow tests can steer branches', async () => {
    const model = uniqueModel();
    await setAnswer(model, { label: 'bug', confidence: 0.8 });
    const res = await provider('sk-test-key-123456').complete(request(model, { responseFormat: { type: 'json' } }));
    expect(JSON.parse(res.text)).toEqual({ label: 'bug', confidence: 0.8 });
  });

  it("uses max_completion_tokens when configured to, as OpenAI's newer models require", async () => {
    const model = uniqueModel();
    const client = createOpenAIProvider({ name: 'x', baseURL: fakeUrl(), maxTokensField: 'max_completion_tokens' });
    await client.complete(request(model, { maxTokens: 7 }));
    const [sent] = await received(model);
    expect(sent.body).toMatchObject({ max_completion_tokens: 7 });
    expect(sent.body).not.toHaveProperty('max_tokens');
  });
});
