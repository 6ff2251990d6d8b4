// Every branch of every example flow, taken for real in `wrangler dev`: the path each example
// takes under the offline echo provider, and each branch (fallback included) forced through the
// fake OpenAI server by scripting the classifier's answer and the fine-tuned model's failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../helpers/fake-openai';
import { startWeir, type Weir } from './harness';

interface Trace {
  nodeId: string;
  status: string;
  handle?: string;
  model?: string;
  baseModel?: string;
  error?: { code: string };
  prompt?: { name: string; version: number };
}
interface Answer {
  output?: unknown;
  trace: Trace[];
  error?: { code: string; nodeId?: string };
}

let echo: Weir;
let viaFake: Weir;
let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
const FT_X1000 = 'ft:gpt-4o-mini-2024-07-18:acme:x1000-support:9xK2pQ';
const FT_CARDIO = 'ft:gpt-4o-mini-2024-07-18:acme:cardiology-explainer:7Qp1Zd';

beforeAll(async () => {
  fake = await startFakeOpenAI();
  [echo, viaFake] = await Promise.all([startWeir(), startWeir({ OPENAI_API_KEY: 'sk-branches', OPENAI_BASE_URL: fake.url })]);
});
afterAll(async () => {
  await Promise.allSettled([echo?.stop(), viaFake?.stop()]);
  await fake?.close();
});

async function run(weir: Weir, flowId: string, input: Record<string, unknown>): Promise<{ status: number; body: Answer }> {
  // ?trace=1 needs the admin token (traces go to invoke keys only where a flow sets traceAccess).
  const res = await fetch(`${weir.url}/v1/flows/${flowId}/run?trace=1`, {
    method: 'POST',
    headers: { authorization: `Bearer ${weir.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}
const path = (trace: Trace[]) => Object.fromEntries(trace.map((t) => [t.nodeId, t.status]));
const node = (trace: Trace[], id: string) => trace.find((t) => t.nodeId === id)!;
const classifyAs = (topic: string, product: string) =>
  fake.script('gpt-4o-mini', [{ kind: 'ok', content: { topic, product, confidence: 0.93 } }]);

describe('support-x1000', () => {
  const e5 = { question: 'How do I troubleshoot error code E5 on the X1000?' };

  it('under echo, sends the X1000 error question to the fine-tuned specialist with its engineered prompt', async () => {
    const { status, body } = await run(echo, 'support-x1000', e5);
    expect(status).toBe(200);
    expect(path(body.trace)).toEqual({
      question: 'ok',
      classify: 'ok',
      route: 'ok',
      specialist: 'ok',
      detailed: 'skipped',
      general: 'skipped',
      answer: 'ok',
    });
    expect(node(body.trace, 'route').handle).toBe('x1000_technical');
    expect(node(body.trace, 'specialist')).toMatchObject({
      model: FT_X1000,
      baseModel: 'gpt-4o-mini-2024-07-18',
      prompt: { name: 'x1000-answer', version: 1 },
    });
  });

  it('under echo, sends a billing question to the base model', async () => {
    const { body } = await run(echo, 'support-x1000', { question: 'Why was I charged twice on my billing statement?' });
    expect(path(body.trace)).toMatchObject({ route: 'ok', specialist: 'skipped', detailed: 'skipped', general: 'ok' });
    expect(node(body.trace, 'route').handle).toBe('default');
  });

  it('through a model, takes the specialist branch when the classifier says X1000 technical', async () => {
    classifyAs('technical', 'X1000');
    const { body } = await run(viaFake, 'support-x1000', e5);
    expect(path(body.trace)).toMatchObject({ specialist: 'ok', detailed: 'skipped', general: 'skipped' });
    expect(body.output).toBe(`fake answer from ${FT_X1000}: Customer question: ${e5.question}`);
  });

  it('falls back to the base model with the detailed prompt when the fine-tuned model is gone', async () => {
    classifyAs('technical', 'X1000');
    fake.script(FT_X1000, [{ kind: 'model_not_found' }]);
    const { status, body } = await run(viaFake, 'support-x1000', e5);
    expect(status).toBe(200);
    expect(path(body.trace)).toMatchObject({ specialist: 'fell_back', detailed: 'ok', general: 'skipped', answer: 'ok' });
    expect(node(body.trace, 'specialist').error?.code).toBe('provider_model_not_found');
    expect(node(body.trace, 'detailed').prompt).toMatchObject({ name: 'x1000-troubleshoot-detailed', version: 1 });
    expect(body.output).toBe(`fake answer from gpt-4o-mini: ${e5.question}`);
  });

  it('through a model, sends other topics to the base model', async () => {
    classifyAs('billing', 'other');
    const { body } = await run(viaFake, 'support-x1000', { question: 'Why was I charged twice?' });
    expect(path(body.trace)).toMatchObject({ specialist: 'skipped', detailed: 'skipped', general: 'ok' });
    expect(String(body.output)).toContain('Customer question (billing): Why was I charged twice?');
  });
});

describe('health-explainer', () => {
  it('sends heart questions to the cardiology model and adds the disclaimer', async () => {
    const { body } = await run(echo, 'health-explainer', { question: 'What does high blood pressure do to my heart?' });
    expect(path(body.trace)).toMatchObject({ topic: 'ok', cardiology: 'ok', general: 'skipped', disclaimer: 'ok' });
    expect(body.output).toMatchObject({ specialist: true, answer: expect.stringContaining('not medical advice') });
    expect(node(body.trace, 'cardiology').model).toBe(FT_CARDIO);
  });

  it('sends general questions to the base model with the KV prompt', async () => {
    const { body } = await run(echo, 'health-explainer', { question: 'How much sleep does an adult need?' });
    expect(path(body.trace)).toMatchObject({ cardiology: 'skipped', general: 'ok' });
    expect(body.output).toMatchObject({ specialist: false });
    expect(node(body.trace, 'general').prompt).toMatchObject({ name: 'health-general', version: 1 });
  });

  it('fails with the node id when the fine-tuned model fails and no fallback is connected', async () => {
    fake.script(FT_CARDIO, [{ kind: 'model_not_found' }]);
    const { status, body } = await run(viaFake, 'health-explainer', { question: 'Is a heart rate of 50 normal?' });
    expect(status).toBe(502);
    expect(body.error).toMatchObject({ code: 'provider_model_not_found', nodeId: 'cardiology' });
  });
});

describe('email-announcement', () => {
  it('uses the engineered prompt version that the production label points at', async () => {
    const { body } = await run(echo, 'email-announcement', { audience: 'New sign-ups', tone: 'friendly', cta: 'Try it' });
    const draft = node(body.trace, 'draft');
    expect(draft.prompt).toMatchObject({ name: 'email-announcement', version: 2 });
    expect(String(body.output)).toContain('[echo gpt-4o-mini]');
  });
});
