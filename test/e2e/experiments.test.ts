// Experiments end to end over a real `wrangler dev`: two published versions of a flow, a 50/50
// sticky experiment created and started with the CLI, curl-like traffic with Weir-Subject and
// user feedback through the API, per-arm results (API and `weir experiment show`), and promote.
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

const adminHeaders = () => ({ authorization: `Bearer ${weir.adminToken}`, 'content-type': 'application/json' });

const cli = (...args: string[]) => runCli([...args, '--url', weir.url, '--token', weir.adminToken], { cwd: root });

const flowOf = (text: string) => ({
  version: 1,
  id: 'exp-e2e',
  name: 'Experiment e2e',
  input: { fields: { question: { type: 'string', required: true } } },
  nodes: [
    { id: 'question', type: 'input', position: { x: 0, y: 0 }, data: {} },
    { id: 'answer', type: 'prompt', position: { x: 200, y: 0 }, data: { model: 'test-model', prompt: { text } } },
    { id: 'result', type: 'output', position: { x: 400, y: 0 }, data: {} },
  ],
  edges: [
    { source: 'question', target: 'answer' },
    { source: 'answer', target: 'result' },
  ],
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${weir.url}/v1${path}`, {
    method,
    headers: adminHeaders(),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return res.json() as Promise<Record<string, unknown>>;
}

/** What `curl -H "Authorization: Bearer $KEY" -H "Weir-Subject: $USER" -d '{"input":...}'` does. */
async function ask(subject?: string) {
  const res = await fetch(`${weir.url}/v1/flows/exp-e2e/run`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${weir.invokeKey}`,
      'content-type': 'application/json',
      ...(subject ? { 'weir-subject': subject } : {}),
    },
    body: JSON.stringify({ input: { question: 'Where is my order?' } }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { runId: string; output: string; flow: { version: number } };
  return { ...body, arm: res.headers.get('weir-experiment-arm') };
}

interface Results {
  arms: {
    arm: string;
    runs: number;
    errorRate: { rate: number };
    latencyMs: { p50: number };
    feedback: { thumbsUp: { count: number; n: number } };
  }[];
}

describe('a live experiment over wrangler dev', () => {
  it('splits v1 and v2 50/50 by subject, collects feedback per arm, shows results and promotes the winner', async () => {
    await api('PUT', '/flows/exp-e2e', flowOf('V1: {{input.question}}'));
    await api('POST', '/flows/exp-e2e/versions');
    await api('PUT', '/flows/exp-e2e', flowOf('V2: {{input.question}}'));
    await api('POST', '/flows/exp-e2e/versions');
    await api('PUT', '/flows/exp-e2e/labels/production', { version: 1 });

    const created = await cli('experiment', 'create', 'v1-vs-v2', '--flow', 'exp-e2e', '--arm', 'v1=1:50', '--arm', 'v2=2:50', '--start');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('running');

    const arms = new Map<string, string>();
    await vi.waitFor(async () => expect((await ask('probe')).arm).not.toBeNull(), { timeout: 15_000, interval: 500 });
    for (let i = 0; i < 30; i++) {
      const first = await ask(`user-${i}`);
      expect(first.output).toContain(first.arm === 'v1' ? 'V1' : 'V2');
      const again = await ask(`user-${i}`);
      expect(again.arm).toBe(first.arm);
      arms.set(`user-${i}`, first.arm ?? '');
      // Users like v2's answers and are split on v1's.
      const thumbs = first.arm === 'v2' || i % 2 === 0 ? 'up' : 'down';
      // The run is written after the answer (batched), so feedback sent at once may find no run yet.
      await vi.waitFor(
        async () => {
          const fb = await fetch(`${weir.url}/v1/runs/${first.runId}/feedback`, {
            method: 'POST',
            headers: { authorization: `Bearer ${weir.invokeKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ thumbs }),
          });
          expect(fb.status).toBeLessThan(300);
        },
        { timeout: 10_000, interval: 100 },
      );
    }
    const perArm = [...arms.values()];
    expect(perArm.filter((a) => a === 'v1').length).toBeGreaterThan(5);
    expect(perArm.filter((a) => a === 'v2').length).toBeGreaterThan(5);

    await vi.waitFor(
      async () => {
        const r = (await api('GET', '/experiments/v1-vs-v2/results')) as unknown as Results;
        expect(r.arms.reduce((s, a) => s + a.runs, 0)).toBe(61);
        expect(r.arms.reduce((s, a) => s + a.feedback.thumbsUp.n, 0)).toBe(30);
      },
      { timeout: 15_000, interval: 300 },
    );
    const results = (await api('GET', '/experiments/v1-vs-v2/results')) as unknown as Results;
    const v2 = results.arms.find((a) => a.arm === 'v2');
    expect(v2?.errorRate.rate).toBe(0);
    expect(v2?.feedback.thumbsUp.count).toBe(v2?.feedback.thumbsUp.n);
    expect(v2?.latencyMs.p50).toBeGreaterThanOrEqual(0);

    const shown = await cli('experiment', 'show', 'v1-vs-v2');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/ARM\s+RUNS\s+ERRORS/);
    expect(shown.stdout).toMatch(/^v2\s+\d+\s+0\.0%/m);
    const v2Runs = await cli('runs', 'list', '--experiment', 'v1-vs-v2', '--arm', 'v2', '--json');
    expect(v2Runs.code, v2Runs.stderr).toBe(0);
    const v2Listed = (JSON.parse(v2Runs.stdout) as { runs: { flow: { version: number }; experiment: { arm: string } }[] }).runs;
    expect(v2Listed.length).toBe(v2?.runs);
    for (const r of v2Listed) expect(r).toMatchObject({ flow: { version: 2 }, experiment: { arm: 'v2' } });
    const listed = await cli('experiment', 'list', '--flow', 'exp-e2e');
    expect(listed.stdout).toContain('v1-vs-v2');

    const promoted = await cli('experiment', 'promote', 'v1-vs-v2', '--arm', 'v2');
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain('now version 2');
    await vi.waitFor(
      async () => {
        const after = await ask('user-0');
        expect(after.arm).toBeNull();
        expect(after.flow.version).toBe(2);
      },
      { timeout: 15_000, interval: 500 },
    );
    const versions = await api('GET', '/flows/exp-e2e/versions');
    expect(versions.labels).toMatchObject({ production: 2 });
  });
});
