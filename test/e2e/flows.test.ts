// Every example flow in flows/, run over HTTP against a real `wrangler dev` (workerd, which
// forbids code generation from strings): as JSON and as SSE, offline under the echo provider and
// through the fake OpenAI server. Conditions (CEL) and templates run for real here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../worker/engine';
import { streamingNodes } from '../../worker/engine/streaming';
import { startFakeOpenAI } from '../helpers/fake-openai';
import { exampleFlows, parseSse, startWeir, type Weir } from './harness';

type FakeServer = Awaited<ReturnType<typeof startFakeOpenAI>>;
interface TraceEntry {
  nodeId: string;
  type: string;
  status: string;
  handle?: string;
  provider?: string;
}
interface RunAnswer {
  runId: string;
  output: unknown;
  usage: { calls: number; inputTokens: number; outputTokens: number };
  trace: TraceEntry[];
}

const flows = exampleFlows();
const cases = flows.flatMap((flow) => (flow.examples ?? []).map((example) => ({ flow, example, label: `${flow.id} / ${example.name}` })));
let echo: Weir;
let fake: FakeServer;
let viaFake: Weir;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  [echo, viaFake] = await Promise.all([startWeir(), startWeir({ OPENAI_API_KEY: 'sk-fake-e2e', OPENAI_BASE_URL: fake.url })]);
});

afterAll(async () => {
  await Promise.allSettled([echo?.stop(), viaFake?.stop()]);
  await fake?.close();
});

function run(weir: Weir, flowId: string, input: unknown, opts: { sse?: boolean; token?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  // Traces go to the admin token (invoke keys only where a flow opts in), so runs that read them use it.
  const token = opts.token === undefined ? weir.adminToken : opts.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.sse) headers.accept = 'text/event-stream';
  return fetch(`${weir.url}/v1/flows/${flowId}/run${opts.sse || !token ? '' : '?trace=1'}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ input }),
  });
}

function expectHealthyTrace(flowNodes: { id: string; type: string }[], trace: TraceEntry[]) {
  expect(trace.filter((t) => t.status === 'failed')).toEqual([]);
  expect(new Set(trace.map((t) => t.nodeId))).toEqual(new Set(flowNodes.map((n) => n.id)));
  for (const t of trace.filter((t) => t.type === 'condition' && t.status === 'ok'))
    expect(t.handle, `condition ${t.nodeId} took a handle`).toBeTruthy();
}

describe('the example flows', () => {
  it('exist, each with at least one example, and were all seeded without problems', () => {
    expect(flows.length).toBeGreaterThan(0);
    for (const flow of flows) expect(flow.examples?.length ?? 0, flow.id).toBeGreaterThan(0);
    expect(echo.seed.errors).toEqual([]);
    expect(echo.seed.flows.map((f) => f.id).sort()).toEqual(flows.map((f) => f.id).sort());
  });

  it('are listed by the management API of the running worker', async () => {
    const res = await fetch(`${echo.url}/v1/flows`, { headers: { authorization: `Bearer ${echo.adminToken}` } });
    const body = (await res.json()) as { flows: { id: string; problems: number }[] };
    expect(body.flows.map((f) => [f.id, f.problems]).sort()).toEqual(flows.map((f) => [f.id, 0]).sort());
  });
});

describe('under the offline echo provider', () => {
  it.each(cases)('$label runs as JSON with a full, healthy trace', async ({ flow, example }) => {
    const res = await run(echo, flow.id, example.input);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as RunAnswer;
    expect(body.runId).toBeTruthy();
    expect(body.output).toBeDefined();
    expectHealthyTrace(flow.nodes, body.trace);
    expect(JSON.stringify(body.output)).toContain('[echo');
  });

  it.each(cases)('$label streams run.start ... done over SSE with the same output as JSON', async ({ flow, example }) => {
    const json = (await (await run(echo, flow.id, example.input)).json()) as RunAnswer;
    const res = await run(echo, flow.id, example.input, { sse: true });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await res.text());
    expect(events[0]).toMatchObject({ event: 'run.start', data: { flowId: flow.id } });
    expect(events.at(-1)?.event).toBe('done');
    const done = events.at(-1)!.data as unknown as RunAnswer;
    expect(done.output).toEqual(json.output);
    expectHealthyTrace(flow.nodes, done.trace);
    const ends = events.filter((e) => e.event === 'node.end').map((e) => e.data.nodeId);
    expect(new Set(ends)).toEqual(new Set(flow.nodes.map((n) => n.id)));
    // Only model nodes whose text reaches the output unchanged stream tokens (the engine decides which).
    const streaming = streamingNodes(
      flow,
      new Map(flow.nodes.map((n) => [n.id, nodeRegistry.get(n.type)!])),
      new Map(flow.nodes.map((n) => [n.id, n.data])),
    );
    const tokenNodes = new Set(events.filter((e) => e.event === 'token').map((e) => e.data.nodeId));
    for (const id of tokenNodes) expect(streaming.has(id as string), `tokens from ${String(id)}`).toBe(true);
    const ranStreaming = done.trace.some((t) => streaming.has(t.nodeId) && t.status === 'ok');
    expect(tokenNodes.size > 0).toBe(ranStreaming);
  });

  it('runs public flows without a key and refuses private ones', async () => {
    for (const flow of flows) {
      const example = (flow.examples ?? [])[0];
      const res = await run(echo, flow.id, example.input, { token: null });
      expect(res.status, flow.id).toBe(flow.public ? 200 : 401);
    }
  });

  it('answers invalid input with 400 and problem paths', async () => {
    const flow = flows[0];
    const res = await run(echo, flow.id, { not_a_declared_field: 1 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.issues.map((i) => i.path)).toContain('$.input.not_a_declared_field');
  });
});

describe('through the fake OpenAI server', () => {
  it.each(cases)('$label runs as JSON, every model call reaching the fake with the key', async ({ flow, example }) => {
    const before = fake.requests().length;
    const res = await run(viaFake, flow.id, example.input);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as RunAnswer;
    expectHealthyTrace(flow.nodes, body.trace);
    const made = fake.requests().slice(before);
    expect(made.length).toBe(body.usage.calls);
    for (const r of made) expect(r.authorization).toBe('Bearer sk-fake-e2e');
    expect(JSON.stringify(body.output)).not.toContain('[echo');
  });

  it.each(cases)('$label streams over SSE, tokens from the fake included', async ({ flow, example }) => {
    const res = await run(viaFake, flow.id, example.input, { sse: true });
    const events = parseSse(await res.text());
    expect(events[0].event).toBe('run.start');
    expect(events.at(-1)?.event, JSON.stringify(events.at(-1))).toBe('done');
    expectHealthyTrace(flow.nodes, (events.at(-1)!.data as unknown as RunAnswer).trace);
  });
});
