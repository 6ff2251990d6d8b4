// The official `openai` SDK as the client of Weir's OpenAI-compatible endpoint on a real
// `wrangler dev`: flows are models, answers are chat completions, streamed or not, and errors
// arrive as the SDK's own error classes.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeir, type Weir } from './harness';

let server: Weir;
const question = 'How do I troubleshoot error code E5 on the X1000?';
const client = (apiKey: string) => new OpenAI({ baseURL: `${server.url}/v1`, apiKey, maxRetries: 0 });

beforeAll(async () => {
  server = await startWeir();
});
afterAll(async () => {
  await server?.stop();
});

describe('the openai SDK against Weir', () => {
  it('gets a chat completion from flow:support-x1000 with the invoke key', async () => {
    const completion = await client(server.invokeKey).chat.completions.create({
      model: 'flow:support-x1000',
      messages: [
        { role: 'system', content: 'ignored by this flow' },
        { role: 'user', content: question },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('flow:support-x1000');
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.choices[0].message.role).toBe('assistant');
    // Under echo the answer names the fine-tuned specialist the X1000 question was routed to.
    expect(completion.choices[0].message.content).toContain('[echo ft:gpt-4o-mini-2024-07-18:acme:x1000-support');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams the same answer as chunks, with usage when asked', async () => {
    const api = client(server.invokeKey);
    const messages = [{ role: 'user' as const, content: question }];
    const whole = await api.chat.completions.create({ model: 'flow:support-x1000', messages });
    const stream = await api.chat.completions.create({
      model: 'flow:support-x1000',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = '';
    let deltas = 0;
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      const choice = chunk.choices[0];
      if (choice?.delta.content) {
        content += choice.delta.content;
        deltas++;
      }
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(content).toBe(whole.choices[0].message.content);
    expect(deltas).toBeGreaterThan(1);
    expect(finish).toBe('stop');
    expect(usage?.total_tokens).toBe(whole.usage?.total_tokens);
  });

  it('lists flows as models: all of them with a key, only public ones without', async () => {
    const keyed = [];
    for await (const model of client(server.invokeKey).models.list()) keyed.push(model.id);
    expect(keyed).toEqual(expect.arrayContaining(['flow:support-x1000', 'flow:health-explainer', 'flow:email-announcement']));
    const open = [];
    for await (const model of client('no-key').models.list()) open.push(model.id);
    expect(open).toEqual(['flow:email-announcement']);
  });

  it('raises the SDK’s NotFoundError for an unknown model and AuthenticationError without a valid key', async () => {
    const messages = [{ role: 'user' as const, content: question }];
    const unknown = client(server.invokeKey).chat.completions.create({ model: 'gpt-4o', messages });
    await expect(unknown).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(unknown).rejects.toMatchObject({ status: 404, code: 'model_not_found', type: 'invalid_request_error' });
    const denied = client('wrong-key').chat.completions.create({ model: 'flow:support-x1000', messages });
    await expect(denied).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const badInput = client(server.invokeKey).chat.completions.create({ model: 'flow:email-announcement', messages });
    await expect(badInput).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});
