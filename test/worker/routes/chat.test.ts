import { describe, expect, inject, it } from 'vitest';
import { ADMIN, INVOKE, admin, call, putFlow, simpleFlow } from './helpers';

const chat = (body: Record<string, unknown>, init: Parameters<typeof call>[1] = {}) =>
  call('/v1/chat/completions', { method: 'POST', token: INVOKE, json: body, ...init });
const ask = (model: string, question: string, extra: Record<string, unknown> = {}) =>
  chat({
    model,
    messages: [
      { role: 'system', content: 'be nice' },
      { role: 'user', content: question },
    ],
    ...extra,
  });

interface Completion {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: { index: number; message: { role: string; content: string }; finish_reason: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  weir: { flow: { id: string; version: number | string } };
}
interface OpenAiError {
  error: { message: string; type: string; code: string; param: string | null };
}

/** Data lines of an OpenAI-style SSE stream, `[DONE]` kept as text. */
function chunks(text: string): (Record<string, unknown> | string)[] {
  expect(text).not.toContain('event:');
  return text
    .split('\n\n')
    .filter((b) => b.trim())
    .map((b) => b.replace(/^data: /, ''))
    .map((d) => (d === '[DONE]' ? d : (JSON.parse(d) as Record<string, unknown>)));
}

describe('POST /v1/chat/completions', () => {
  it('runs flow:<id> with the last user message as `question` and answers a chat completion', async () => {
    await putFlow(simpleFlow('chat-basic'));
    const res = await ask('flow:chat-basic', 'Why is the sky blue?');
    expect(res.status).toBe(200);
    expect(res.headers.get('weir-flow-version')).toBe('draft');
    const body = (await res.json()) as Completion;
    expect(body.object).toBe('chat.completion');
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.model).toBe('flow:chat-basic');
    expect(body.created).toBeGreaterThan(1_600_000_000);
    expect(body.choices).toHaveLength(1);
    expect(body.choices[0]).toMatchObject({ index: 0, finish_reason: 'stop', message: { role: 'assistant' } });
    expect(body.choices[0].message.content).toContain('Q: Why is the sky blue?');
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
    expect(body.usage.completion_tokens).toBeGreaterThan(0);
    expect(body.weir.flow).toMatchObject({ id: 'chat-basic', version: 'draft' });
  });

  it('maps messages by the flow’s chat declaration and JSON-stringifies an object answer', async () => {
    const flow = simpleFlow('chat-mapped', {
      input: { fields: { ask: { type: 'string', required: true }, history: { type: 'array' } } },
      chat: { messageField: 'ask', historyField: 'history' },
      examples: [],
    });
    flow.nodes[1].data = { model: 'm', prompt: { text: 'A: {{input.ask}}' } };
    flow.nodes[2].data = { fields: { said: 'nodes.answer.output', turns: 'input.history.size()' } };
    await putFlow(flow);
    const res = await chat({
      model: 'flow:chat-mapped',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: 'second' }] },
      ],
    });
    expect(res.status).toBe(200);
    const content = JSON.parse(((await res.json()) as Completion).choices[0].message.content) as { said: string; turns: number };
    expect(content.said).toContain('A: second');
    expect(content.turns).toBe(3);
  });

  it('streams a role chunk, content deltas, a stop chunk, a usage chunk and [DONE]', async () => {
    await putFlow(simpleFlow('chat-stream'));
    const res = await ask('flow:chat-stream', 'stream this please', { stream: true, stream_options: { include_usage: true } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('weir-flow-version')).toBe('draft');
    const all = chunks(await res.text());
    expect(all.at(-1)).toBe('[DONE]');
    const objects = all.slice(0, -1) as {
      object: string;
      choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[];
      usage?: { total_tokens: number };
    }[];
    expect(objects.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(objects[0].choices[0].delta.role).toBe('assistant');
    const deltas = objects.filter((c) => c.choices[0]?.delta.content).map((c) => c.choices[0].delta.content);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toContain('Q: stream this please');
    const stop = objects.findIndex((c) => c.choices[0]?.finish_reason === 'stop');
    expect(stop).toBe(objects.length - 2);
    expect(objects.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) } });
  });

  it('streams the whole answer as one delta when no model node streams it', async () => {
    const flow = simpleFlow('chat-onedelta');
    flow.nodes[2].data = { value: '"Answer: " + nodes.answer.output' };
    await putFlow(flow);
    const res = await ask('flow:chat-onedelta', 'hi', { stream: true });
    const objects = chunks(await res.text()).slice(0, -1) as { choices: { delta: { content?: string }; finish_reason: string | null }[] }[];
    const deltas = objects.filter((c) => c.choices[0]?.delta.content).map((c) => c.choices[0].delta.content!);
    expect(deltas).toHaveLength(1);
    expect(deltas[0]).toMatch(/^Answer: .*Q: hi/);
    expect(objects.at(-1)!.choices[0].finish_reason).toBe('stop');
    expect(objects.some((c) => 'usage' in c)).toBe(false);
  });

  it('runs a pinned version or label with flow:<id>@<ref>', async () => {
    await putFlow(simpleFlow('chat-pinned', {}, { prompt: { text: 'first {{input.question}}' } }));
    await admin('/v1/flows/chat-pinned/versions', { method: 'POST', json: {} });
    await putFlow(simpleFlow('chat-pinned', {}, { prompt: { text: 'second {{input.question}}' } }));
    await admin('/v1/flows/chat-pinned/versions', { method: 'POST', json: {} });
    await admin('/v1/flows/chat-pinned/labels/staging', { method: 'PUT', json: { version: 1 } });
    const staged = await ask('flow:chat-pinned@staging', 'q');
    expect(staged.headers.get('weir-flow-version')).toBe('1');
    expect(((await staged.json()) as Completion).choices[0].message.content).toContain('first');
    expect(((await (await ask('flow:chat-pinned', 'q')).json()) as Completion).choices[0].message.content).toContain('second');
  });

  it('answers errors in OpenAI’s shape: unknown model, bad request, missing user message, input mismatch', async () => {
    await putFlow(simpleFlow('chat-errors'));
    const cases: [Response, number, string, string][] = [
      [await ask('gpt-4o', 'q'), 404, 'invalid_request_error', 'model_not_found'],
      [await ask('flow:chat-no-such-flow', 'q'), 404, 'invalid_request_error', 'model_not_found'],
      [await ask('flow:chat-errors@9', 'q'), 404, 'invalid_request_error', 'model_not_found'],
      [await chat({ model: 'flow:chat-errors' }), 400, 'invalid_request_error', 'invalid_request'],
      [
        await chat({ model: 'flow:chat-errors', messages: [{ role: 'system', content: 'x' }] }),
        400,
        'invalid_request_error',
        'invalid_input',
      ],
      [await ask('flow:chat-errors', 'x'.repeat(200)), 400, 'invalid_request_error', 'invalid_input'],
      [await call('/v1/chat/completions', { method: 'POST', token: INVOKE, body: '{' }), 400, 'invalid_request_error', 'bad_json'],
    ];
    for (const [res, status, type, code] of cases) {
      expect(res.status, code).toBe(status);
      const body = (await res.json()) as OpenAiError;
      expect(body.error).toMatchObject({ type, code, param: null });
      expect(body.error.message.length).toBeGreaterThan(0);
    }
  });

  it('needs an invoke key for private flows and none for public ones, without revealing private ids', async () => {
    await putFlow(simpleFlow('chat-private'));
    await putFlow(simpleFlow('chat-public', { public: true }));
    const withKey = await ask('flow:chat-private', 'q');
    const noKey = await chat({ model: 'flow:chat-private', messages: [{ role: 'user', content: 'q' }] }, { token: undefined });
    expect(withKey.status).toBe(200);
    expect(noKey.status).toBe(401);
    expect(((await noKey.json()) as OpenAiError).error).toMatchObject({ type: 'authentication_error', code: 'unauthorized' });
    expect((await chat({ model: 'flow:chat-nothing', messages: [{ role: 'user', content: 'q' }] }, { token: undefined })).status).toBe(401);
    expect((await chat({ model: 'flow:chat-private', messages: [{ role: 'user', content: 'q' }] }, { token: 'wrong' })).status).toBe(401);
    expect((await chat({ model: 'flow:chat-public', messages: [{ role: 'user', content: 'q' }] }, { token: 'sk-anything' })).status).toBe(
      200,
    );
    expect((await chat({ model: 'flow:chat-public', messages: [{ role: 'user', content: 'q' }] }, { token: ADMIN })).status).toBe(200);
  });

  it('answers a provider failure with 502 in OpenAI’s shape, and as an error chunk when streaming', async () => {
    await putFlow(simpleFlow('chat-fails', {}, { model: 'fake-not-found-model' }));
    const env = { OPENAI_API_KEY: 'sk-fake-test', OPENAI_BASE_URL: inject('fakeOpenAIUrl') };
    const question = { model: 'flow:chat-fails', messages: [{ role: 'user', content: 'q' }] };
    const res = await chat(question, { env });
    expect(res.status).toBe(502);
    expect(((await res.json()) as OpenAiError).error).toMatchObject({ type: 'server_error', code: 'provider_model_not_found' });
    const streamed = chunks(await (await chat({ ...question, stream: true }, { env })).text());
    expect(streamed.at(-1)).toBe('[DONE]');
    expect(streamed.at(-2)).toMatchObject({ error: { type: 'server_error' } });
  });
});

describe('GET /v1/models', () => {
  it('lists every flow and its labelled variants for a key, only public flows without one', async () => {
    await putFlow(simpleFlow('models-private'));
    await putFlow(simpleFlow('models-public', { public: true }));
    await admin('/v1/flows/models-private/versions', { method: 'POST', json: {} });
    await admin('/v1/flows/models-private/labels/production', { method: 'PUT', json: { version: 1 } });
    const keyed = (await (await call('/v1/models', { token: INVOKE })).json()) as {
      object: string;
      data: { id: string; object: string; owned_by: string; created: number }[];
    };
    expect(keyed.object).toBe('list');
    const ids = keyed.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['flow:models-private', 'flow:models-private@production', 'flow:models-public']));
    expect(keyed.data.find((m) => m.id === 'flow:models-public')).toMatchObject({
      object: 'model',
      owned_by: 'weir',
      created: expect.any(Number),
    });
    const open = (await (await call('/v1/models')).json()) as { data: { id: string }[] };
    const openIds = open.data.map((m) => m.id);
    expect(openIds).toContain('flow:models-public');
    expect(openIds).not.toContain('flow:models-private');
    expect(openIds.every((id) => !id.includes('@'))).toBe(true);
  });
});
