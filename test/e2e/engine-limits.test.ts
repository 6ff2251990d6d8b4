// The engine's defect fixes and limits for real in `wrangler dev` (no eval, real workerd): a
// fine-tuned model the fake server makes time out falls back and the trace says why; CEL
// `matches` runs on RE2; pathological inputs end in typed 422/413 answers naming the node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../helpers/fake-openai';
import { startWeir, type Weir } from './harness';

interface Answer {
  output?: unknown;
  trace: { nodeId: string; status: string; handle?: string; error?: { code: string } }[];
  error?: { code: string; nodeId?: string };
}

let weir: Weir;
let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  weir = await startWeir({ OPENAI_API_KEY: 'sk-engine-limits', OPENAI_BASE_URL: fake.url, NODE_TIMEOUT_MS: '400' });
});
afterAll(async () => {
  await weir?.stop();
  await fake?.close();
});

const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type, position: { x: 0, y: 0 }, data });
const flow = (id: string, fields: Record<string, unknown>, nodes: unknown[], edges: [string, string, string?][]) => ({
  version: 1,
  id,
  name: id,
  input: { fields },
  nodes,
  edges: edges.map(([source, target, sourceHandle]) => ({ source, target, ...(sourceHandle ? { sourceHandle } : {}) })),
});

async function put(body: { id: string }) {
  const res = await fetch(`${weir.url}/v1/flows/${body.id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${weir.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}
// Traces go to the admin token (invoke keys only when the flow opts in with traceAccess).
const run = async (id: string, input: unknown) => {
  const res = await fetch(`${weir.url}/v1/flows/${id}/run?trace=1`, {
    method: 'POST',
    headers: { authorization: `Bearer ${weir.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  return { status: res.status, body: (await res.json()) as Answer };
};

describe('engine in wrangler dev', () => {
  it('falls back when the fake server makes the fine-tuned model time out, and the trace says why', async () => {
    await put(
      flow(
        'ft-timeout',
        { question: { type: 'string', required: true } },
        [
          node('question', 'input'),
          node('ft', 'finetuned', { model: 'fake-slow-5000', baseModel: 'gpt-4o-mini' }),
          node('base', 'prompt', { model: 'gpt-4o-mini', prompt: { text: 'Detailed: {{input.question}}' } }),
          node('answer', 'output'),
        ],
        [
          ['question', 'ft'],
          ['ft', 'answer'],
          ['ft', 'base', 'fallback'],
          ['base', 'answer'],
        ],
      ),
    );
    const { status, body } = await run('ft-timeout', { question: 'E5?' });
    expect(status).toBe(200);
    const ft = body.trace.find((t) => t.nodeId === 'ft');
    expect(ft).toMatchObject({ status: 'fell_back', handle: 'fallback', error: { code: 'node_timeout' } });
    expect(body.trace.find((t) => t.nodeId === 'base')?.status).toBe('ok');
  });

  it('answers a pathological regular expression at once, with RE2', async () => {
    await put(
      flow(
        're2',
        { s: { type: 'string' } },
        [node('question', 'input'), node('answer', 'output', { value: 'input.s.matches("^(\\\\w+\\\\s?)+$")' })],
        [['question', 'answer']],
      ),
    );
    expect((await run('re2', { s: `${'a'.repeat(28)}!` })).body.output).toBe(false);
    expect((await run('re2', { s: 'a b c' })).body.output).toBe(true);
  });

  it('answers 422 and 413 naming the node for a costly expression and an oversized template (30 KB, the run body cap allows no more)', async () => {
    await put(
      flow(
        'pathological',
        { items: { type: 'array' }, big: { type: 'string' }, mode: { type: 'string' } },
        [
          node('question', 'input'),
          node('gate', 'condition', { cases: [{ id: 'grow', expression: 'input.mode == "grow"' }] }),
          node('grow', 'template', { template: '{{#input.items}}{{input.big}}{{/input.items}}' }),
          node('grown', 'output'),
          node('costly', 'output', { value: 'input.items.exists(x, input.items.exists(y, x == -y))' }),
        ],
        [
          ['question', 'gate'],
          ['gate', 'grow', 'grow'],
          ['grow', 'grown'],
          ['gate', 'costly', 'default'],
        ],
      ),
    );
    const items = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const costly = await run('pathological', { mode: 'costly', items, big: '' });
    expect(costly.status).toBe(422);
    expect(costly.body.error).toMatchObject({ code: 'expression_too_costly', nodeId: 'costly' });
    const grow = await run('pathological', { mode: 'grow', items: items.slice(0, 2000), big: 'x'.repeat(30_000) });
    expect(grow.status).toBe(413);
    expect(grow.body.error).toMatchObject({ code: 'template_too_large', nodeId: 'grow' });
  });
});
