// The offline echo provider: deterministic, clearly marked, schema-shaped JSON, streaming.
import { describe, expect, it } from 'vitest';
import { createEchoProvider, summarize } from '../../../worker/providers/echo';
import { echoFromSchema, mentionedLast } from '../../../worker/providers/echo-schema';
import { failure, request, user } from './fake-control';

const echo = createEchoProvider({ name: 'default' });
const ticket = {
  type: 'object',
  properties: {
    category: { type: 'string', enum: ['billing', 'bug', 'other'] },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    summary: { type: 'string' },
    urgent: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    count: { type: 'integer', minimum: 1 },
  },
};

describe('echo provider', () => {
  it('answers text with a marked, deterministic summary of the last user message', async () => {
    const messages = [
      { role: 'system' as const, content: 'You are terse.' },
      { role: 'user' as const, content: 'first question' },
      { role: 'assistant' as const, content: 'an answer' },
      { role: 'user' as const, content: '  What   is\nWeir? ' },
    ];
    const a = await echo.complete(request('gpt-4o-mini', { messages }));
    const b = await echo.complete(request('gpt-4o-mini', { messages }));
    expect(a.text).toBe('[echo gpt-4o-mini] What is Weir?');
    expect(b).toEqual(a);
    expect(a).toMatchObject({ echo: true, model: 'gpt-4o-mini', provider: 'default', attempts: 1 });
  });

  it('counts tokens as roughly four characters each, at least one', async () => {
    const res = await echo.complete(request('m', { messages: user('') }));
    expect(res.usage.inputTokens).toBe(1);
    expect(res.usage.outputTokens).toBe(Math.ceil(res.text.length / 4));
  });

  it('shortens long messages to a summary', () => {
    const long = 'word '.repeat(200);
    expect(summarize(long).length).toBe(200);
    expect(summarize(long).endsWith('…')).toBe(true);
  });

  it('answers JSON without a schema as {"echo": <last user message>}', async () => {
    const res = await echo.complete(request('m', { messages: user('hi'), responseFormat: { type: 'json' } }));
    expect(JSON.parse(res.text)).toEqual({ echo: 'hi' });
    expect(res.echo).toBe(true);
  });

  it('builds JSON from a schema, picking the enum value mentioned last and a high confidence', async () => {
    const res = await echo.complete(
      request('m', {
        messages: user('Is this about billing? No, I think it is a bug in the app'),
        responseFormat: { type: 'json', schema: ticket },
      }),
    );
    expect(JSON.parse(res.text)).toEqual({
      category: 'bug',
      confidence: 0.9,
      summary: '[echo m] Is this about billing? No, I think it is a bug in the app',
      urgent: true,
      tags: ['[echo m] Is this about billing? No, I think it is a bug in the app'],
      count: 1,
    });
  });

  it('falls back to the first enum value and a middling confidence when nothing is mentioned', () => {
    expect(echoFromSchema(ticket, 'hello there', 'm')).toMatchObject({ category: 'billing', confidence: 0.5 });
  });

  it('matches enum values case-insensitively', () => {
    expect(mentionedLast(['billing', 'bug'], 'my BUG report about billing'.toLowerCase())).toBe('billing');
    expect(echoFromSchema({ type: 'string', enum: ['Yes', 'No'] }, 'answer: NO', 'm')).toBe('No');
  });

  it('streams the text word by word through onToken', async () => {
    const tokens: string[] = [];
    const res = await echo.complete(request('m', { messages: user('one two three'), onToken: (t) => tokens.push(t) }));
    expect(tokens).toEqual(['[echo ', 'm] ', 'one ', 'two ', 'three']);
    expect(tokens.join('')).toBe(res.text);
  });

  it('refuses to start when the signal has already aborted', async () => {
    const err = await failure(echo.complete(request('m', { signal: AbortSignal.abort() })));
    expect(err.code).toBe('provider_timeout');
  });

  it('stops streaming when the signal aborts midway', async () => {
    const controller = new AbortController();
    const tokens: string[] = [];
    const onToken = (t: string) => {
      tokens.push(t);
      if (tokens.length === 2) controller.abort();
    };
    const err = await failure(echo.complete(request('m', { messages: user('a b c d e f'), signal: controller.signal, onToken })));
    expect(err.code).toBe('provider_timeout');
    expect(tokens).toHaveLength(2);
  });
});
