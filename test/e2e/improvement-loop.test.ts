// Issue 10's "Done when", end to end over one real `wrangler dev` with the fake provider and
// trainer: a dataset becomes a fine-tuning job for a flow's fine-tuned node; the job succeeds and
// the three-way eval runs by itself; the model is adopted into a draft and published as v2; a
// 50/50 sticky experiment of v1 against v2 gets curl-like traffic, user feedback and live
// assertions; per-arm results; the winner is promoted. Then the CLI validates a job from the
// worker's dataset, adopts again (nothing changes) and `weir finetune replace` compares candidates.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeOpenAI } from '../helpers/fake-openai';
import { weir as runCli, workspace } from '../cli/helpers';
import { startWeir, type Weir } from './harness';

// oxlint-disable-next-line typescript/no-explicit-any
type Loose = Record<string, any>;
let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
let w: Weir;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  const trainers = { fake: { type: 'openai', baseURL: fake.url, apiKeyVar: 'FAKE_TRAINER_KEY', pollSeconds: 1, provider: 'default' } };
  w = await startWeir({
    OPENAI_API_KEY: 'sk-fake-loop',
    OPENAI_BASE_URL: fake.url,
    TRAINERS: JSON.stringify(trainers),
    FAKE_TRAINER_KEY: 'sk-fake-trainer',
  });
});
afterAll(async () => {
  await w?.stop();
  await fake?.close();
});

async function api(method: string, path: string, body?: unknown, expected = 300): Promise<Loose> {
  const res = await fetch(`${w.url}/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${w.adminToken}`,
      'content-type': body === undefined || typeof body === 'string' ? 'application/jsonl' : 'application/json',
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(expected);
  return JSON.parse(text) as Loose;
}

const OLD = 'ft:gpt-4o-mini-2024-07-18:acme:old:1';
const flow = {
  version: 1,
  id: 'loop',
  name: 'Improvement loop',
  input: { fields: { question: { type: 'string', required: true } } },
  nodes: [
    { id: 'question', type: 'input', position: { x: 0, y: 0 }, data: {} },
    { id: 'specialist', type: 'finetuned', position: { x: 200, y: 0 }, data: { model: OLD, baseModel: 'gpt-4o-mini-2024-07-18' } },
    {
      id: 'detailed',
      type: 'prompt',
      position: { x: 400, y: 100 },
      data: { model: 'gpt-4o-mini', system: 'You are X1000 support.', prompt: { text: 'Troubleshoot step by step: {{input.question}}' } },
    },
    { id: 'answer', type: 'output', position: { x: 600, y: 0 }, data: {} },
  ],
  edges: [
    { source: 'question', target: 'specialist' },
    { source: 'specialist', target: 'answer' },
    { source: 'specialist', sourceHandle: 'fallback', target: 'detailed' },
    { source: 'detailed', target: 'answer' },
  ],
};
const item = (i: number, split: string) =>
  JSON.stringify({ id: `q${i}`, input: { question: `How do I clear error E${i}?` }, expected: `Hold reset for ${i} seconds.`, split });
const dataset =
  [...Array.from({ length: 10 }, (_, i) => item(i, 'train')), item(50, 'validation'), item(60, 'test'), item(61, 'test')].join('\n') + '\n';

/** What `curl -H "Authorization: Bearer $KEY" -H "Weir-Subject: $USER" .../v1/flows/loop/run` does. */
async function ask(subject?: string): Promise<{ runId: string; output: string; version: number; arm: string | null }> {
  const res = await fetch(`${w.url}/v1/flows/loop/run`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${w.invokeKey}`,
      'content-type': 'application/json',
      ...(subject ? { 'weir-subject': subject } : {}),
    },
    body: JSON.stringify({ input: { question: 'My X1000 shows E5, what now?' } }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { runId: string; output: string; flow: { version: number } };
  return { runId: body.runId, output: body.output, version: body.flow.version, arm: res.headers.get('weir-experiment-arm') };
}

describe('the improvement loop over wrangler dev', () => {
  let jobId = '';
  let model = '';

  it('turns a dataset into a job for the flow’s node; on success the three-way eval runs by itself', async () => {
    await api('PUT', '/flows/loop', flow);
    await api('POST', '/flows/loop/versions', { note: 'v1: the old fine-tune' });
    await api('PUT', '/flows/loop/labels/production', { version: 1 });
    await api('PUT', '/datasets/loop-data', dataset);

    const plan = await api('POST', '/finetunes/validate', {
      trainer: 'fake',
      baseModel: 'gpt-4o-mini-2024-07-18',
      dataset: { name: 'loop-data' },
    });
    expect(plan).toMatchObject({ valid: true, trainExamples: 10, validationExamples: 1 });
    expect(plan.estimate.costUsd).toBeGreaterThan(0);
    const started = await api('POST', '/finetunes', {
      trainer: 'fake',
      baseModel: 'gpt-4o-mini-2024-07-18',
      dataset: { name: 'loop-data' },
      target: { flow: 'loop', node: 'specialist' },
      suffix: 'loop',
    });
    expect(started.following).toBe(true);
    jobId = started.job.id;

    let detail: Loose = {};
    await vi.waitFor(
      async () => {
        detail = await api('GET', `/finetunes/${jobId}`);
        expect(detail.job.evalRunId ?? detail.job.evalError).toBeTruthy();
      },
      { timeout: 90_000, interval: 1000 },
    );
    expect(detail.job.status).toBe('succeeded');
    expect(detail.job.evalError).toBeNull();
    expect(detail.checkpoints.length).toBeGreaterThan(0);
    model = detail.job.fineTunedModel;
    expect(model).toMatch(/^ft:gpt-4o-mini-2024-07-18:fake-org:loop:/);
    expect(detail.evalRun).toMatchObject({ source: 'finetune', label: jobId, flow: 'loop' });

    let run: Loose = {};
    await vi.waitFor(
      async () => {
        run = await api('GET', `/eval-runs/${detail.job.evalRunId}`);
        expect(['done', 'failed', 'cancelled']).toContain(run.run.status);
      },
      { timeout: 90_000, interval: 1000 },
    );
    expect(run.run.status).toBe('done');
    expect(run.run.dataset).toMatchObject({ name: 'loop-data', split: 'test' });
    expect(run.report.variants.map((v: Loose) => v.name)).toEqual(['base+prompt', 'finetuned', 'finetuned+prompt']);
    expect(run.report.comparison).toBeTruthy();
    // Each variant called the model it says, through the fake provider.
    const models = new Set(fake.requests().map((r) => r.model));
    expect(models).toContain(model);
    expect(models).toContain('gpt-4o-mini-2024-07-18');
  });

  it('adopts the model into a new draft, which is published as v2 with production still on v1', async () => {
    const adopted = await api('POST', `/finetunes/${jobId}/adopt`);
    expect(adopted).toMatchObject({ flow: 'loop', node: 'specialist', model, unchanged: false });
    expect(adopted.diff.changes).toEqual([{ path: 'data.model', kind: 'changed', before: OLD, after: model }]);
    let versions = await api('GET', '/flows/loop/versions');
    expect(versions.versions).toHaveLength(1);
    expect((await ask()).version).toBe(1);
    const v2 = await api('POST', '/flows/loop/versions', { note: 'v2: adopt the new fine-tune' });
    expect(v2.version).toBe(2);
    versions = await api('GET', '/flows/loop/versions');
    expect(versions.labels).toEqual({ production: 1 });
  });

  it('splits v1 and v2 50/50 by subject with feedback and live assertions, shows per-arm results and promotes the winner', async () => {
    await api('POST', '/experiments', {
      id: 'old-vs-new',
      flowId: 'loop',
      arms: [
        { name: 'v1', ref: 1, weight: 50 },
        { name: 'v2', ref: 2, weight: 50 },
      ],
      minSamples: 5,
      evaluate: { sample: 1, assertions: [{ type: 'icontains', value: ':loop:', metric: 'answered by the new fine-tune' }] },
    });
    await api('POST', '/experiments/old-vs-new/start');
    await vi.waitFor(async () => expect((await ask('probe')).arm).not.toBeNull(), { timeout: 15_000, interval: 500 });

    const armOf = new Map<string, string>();
    for (let i = 0; i < 24; i++) {
      const first = await ask(`user-${i}`);
      expect(first.output).toContain(first.arm === 'v2' ? model : OLD);
      expect((await ask(`user-${i}`)).arm).toBe(first.arm);
      armOf.set(`user-${i}`, first.arm!);
      const thumbs = first.arm === 'v2' || i % 3 === 0 ? 'up' : 'down';
      await vi.waitFor(
        async () => {
          const fb = await fetch(`${w.url}/v1/runs/${first.runId}/feedback`, {
            method: 'POST',
            headers: { authorization: `Bearer ${w.invokeKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ thumbs }),
          });
          expect(fb.status).toBeLessThan(300);
        },
        { timeout: 10_000, interval: 100 },
      );
    }
    expect(new Set(armOf.values())).toEqual(new Set(['v1', 'v2']));

    let results: Loose = {};
    await vi.waitFor(
      async () => {
        results = await api('GET', '/experiments/old-vs-new/results');
        for (const a of results.arms) expect(a.evaluation.passRate.n).toBe(a.runs);
      },
      { timeout: 20_000, interval: 500 },
    );
    const [v1, v2] = results.arms;
    expect([v1.arm, v2.arm]).toEqual(['v1', 'v2']);
    expect(v1.runs + v2.runs).toBeGreaterThanOrEqual(48);
    expect(v2.feedback.thumbsUp.rate).toBe(1);
    expect(v1.feedback.thumbsUp.rate).toBeLessThan(1);
    expect(v1.evaluation.passRate.rate).toBe(0);
    expect(v2.evaluation.passRate.rate).toBe(1);
    expect(v2.vsControl.evalPass.significant).toBe(true);

    const promoted = await api('POST', '/experiments/old-vs-new/promote', { arm: 'v2' });
    expect(promoted.labels).toMatchObject({ production: 2 });
    await vi.waitFor(async () => expect((await ask('after-promote')).version).toBe(2), { timeout: 15_000, interval: 500 });
  });

  it('weir finetune adopt leaves the draft as it is, and weir finetune replace compares candidates for the node', async () => {
    const env = { WEIR_URL: w.url, WEIR_ADMIN_TOKEN: w.adminToken };
    const validate = await runCli(
      [
        'finetune',
        'validate',
        '--trainer',
        'fake',
        '--model',
        'gpt-4o-mini-2024-07-18',
        '--dataset',
        'loop-data',
        '--flow',
        'loop',
        '--node',
        'specialist',
      ],
      { cwd: workspace(), env },
    );
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('10 train, 1 validation');
    const adopt = await runCli(['finetune', 'adopt', jobId], { cwd: workspace(), env });
    expect(adopt.code, adopt.stderr).toBe(0);
    expect(adopt.stdout).toContain('the draft is unchanged');

    const replace = await runCli(
      ['finetune', 'replace', '--flow', 'loop', '--node', 'specialist', '--candidate', 'gpt-4.1-mini', '--interval', '0.5'],
      {
        cwd: workspace(),
        env,
      },
    );
    expect(replace.code, replace.stderr).toBe(0);
    expect(replace.stderr).toContain(`baseline: ${model}`);
    expect(replace.stdout).toMatch(/current/);
    expect(replace.stdout).toMatch(/gpt-4\.1-mini\+prompt/);
    const runs = await api('GET', '/eval-runs?flow=loop');
    expect(runs.runs.map((r: Loose) => r.source)).toEqual(expect.arrayContaining(['finetune', 'replacement']));
  });
});
