// The run log through a real `wrangler dev` (local D1 and R2, migrations applied by npm start):
// an example run five times, listed with latency, tokens and cost, feedback with the invoke key,
// the failures filter, and `weir runs list | show` against it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { root, startWeir, type Weir } from './harness';
import { weir as runCli } from '../cli/helpers';

let weir: Weir;

beforeAll(async () => {
  weir = await startWeir();
});
afterAll(async () => {
  await weir?.stop();
});

interface Listed {
  runs: {
    id: string;
    status: string;
    durationMs: number;
    usage: { inputTokens: number; outputTokens: number };
    costUsd: number | null;
    error?: { code: string; nodeId?: string };
    feedback: { thumbs: string | null };
  }[];
  nextCursor: string | null;
}

const admin = () => ({ authorization: `Bearer ${weir.adminToken}`, 'content-type': 'application/json' });
const list = async (query: string): Promise<Listed> => {
  const res = await fetch(`${weir.url}/v1/runs?${query}`, { headers: admin() });
  expect(res.status).toBe(200);
  return (await res.json()) as Listed;
};

const weirCli = (args: string[]) => runCli([...args, '--url', weir.url, '--token', weir.adminToken], { cwd: root });

describe('the run log over wrangler dev', () => {
  it('records five runs of an example with latency, tokens and cost, takes feedback from the invoke key and finds failures', async () => {
    const runIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${weir.url}/v1/flows/support-x1000/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${weir.invokeKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ input: { question: `How do I troubleshoot error code E5 on the X1000? (${i})` } }),
      });
      expect(res.status).toBe(200);
      runIds.push(((await res.json()) as { runId: string }).runId);
    }
    // Recorded after the answer: wait for the background writes.
    await vi.waitFor(async () => expect((await list('flow=support-x1000')).runs).toHaveLength(5), { timeout: 10_000, interval: 100 });
    const listed = await list('flow=support-x1000');
    expect(listed.runs.map((r) => r.id)).toEqual([...runIds].reverse());
    for (const r of listed.runs) {
      expect(r.status).toBe('ok');
      expect(r.durationMs).toBeGreaterThanOrEqual(0);
      expect(r.usage.inputTokens).toBeGreaterThan(0);
      // The classifier and the base model are gpt-4o-mini; the fine-tuned model is priced by prices.json.
      expect(r.costUsd).toBeGreaterThan(0);
    }

    const feedback = await fetch(`${weir.url}/v1/runs/${runIds[0]}/feedback`, {
      method: 'POST',
      headers: { authorization: `Bearer ${weir.invokeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ thumbs: 'down', comment: 'It should mention the reset button.' }),
    });
    expect(feedback.status).toBe(201);
    const one = (await (await fetch(`${weir.url}/v1/runs/${runIds[0]}`, { headers: admin() })).json()) as {
      scores: { name: string; source: string }[];
      trace: { nodeId: string; status: string; costUsd?: number | null }[];
    };
    expect(one.scores.map((s) => [s.name, s.source])).toEqual([
      ['thumbs', 'feedback'],
      ['comment', 'feedback'],
    ]);
    expect(one.trace.find((t) => t.nodeId === 'specialist')).toMatchObject({ status: 'ok' });

    // A flow whose node names a provider that is not configured fails at that node.
    const broken = {
      version: 1,
      id: 'runs-broken',
      name: 'broken',
      input: { fields: { question: { type: 'string', required: true } } },
      nodes: [
        { id: 'question', type: 'input', position: { x: 0, y: 0 }, data: {} },
        {
          id: 'answer',
          type: 'prompt',
          position: { x: 1, y: 0 },
          data: { model: 'gpt-4o-mini', provider: 'nowhere', prompt: { text: 'x' } },
        },
        { id: 'result', type: 'output', position: { x: 2, y: 0 }, data: {} },
      ],
      edges: [
        { source: 'question', target: 'answer' },
        { source: 'answer', target: 'result' },
      ],
    };
    expect(
      (await fetch(`${weir.url}/v1/flows/runs-broken?draft=1`, { method: 'PUT', headers: admin(), body: JSON.stringify(broken) })).ok,
    ).toBe(true);
    const failed = await fetch(`${weir.url}/v1/flows/runs-broken/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${weir.invokeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ input: { question: 'q' } }),
    });
    expect(failed.status).toBe(502);
    const failedId = ((await failed.json()) as { runId: string }).runId;
    await vi.waitFor(async () => expect((await list('status=failed')).runs.map((r) => r.id)).toEqual([failedId]), {
      timeout: 10_000,
      interval: 100,
    });
    expect((await list('failedNode=answer')).runs[0].error).toMatchObject({ code: 'provider_unknown', nodeId: 'answer' });

    const cliList = await weirCli(['runs', 'list', '--flow', 'support-x1000', '--json']);
    expect(cliList.code, cliList.stderr).toBe(0);
    expect((JSON.parse(cliList.stdout) as Listed).runs).toHaveLength(5);
    const table = await weirCli(['runs', 'list', '--status', 'failed']);
    expect(table.stdout).toContain('failed provider_unknown at answer');
    const show = await weirCli(['runs', 'show', runIds[0]]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`run ${runIds[0]}`);
    expect(show.stdout).toMatch(/specialist\s+finetuned\s+ok/);
    expect(show.stdout).toContain('thumbs (feedback): 0');
  });
});
