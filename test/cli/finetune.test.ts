// `weir finetune` as child processes against a real `wrangler dev` (through startWeir) whose
// trainers are the fake server: the estimate before anything starts, start with --yes, watch
// until the Workflow has followed the job to its model, list, cancel, and the failure paths.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../helpers/fake-openai';
import { startWeir, type Weir } from '../e2e/harness';
import { weir, workspace, type LooseJson } from './helpers';

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
let worker: Weir;
let dir: string;
const line = (i: number) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `How do I clear error E${i} on the X1000?` },
      { role: 'assistant', content: `Hold reset for ${i} seconds.` },
    ],
  });
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  fake = await startFakeOpenAI();
  const trainers = {
    openai: { type: 'openai', baseURL: fake.url, apiKeyVar: 'FAKE_TRAINER_KEY', pollSeconds: 1 },
    fireworks: { type: 'fireworks', baseURL: fake.url, apiKeyVar: 'FAKE_TRAINER_KEY', accountId: 'weir-cli', pollSeconds: 1 },
  };
  worker = await startWeir({ TRAINERS: JSON.stringify(trainers), FAKE_TRAINER_KEY: 'sk-fake-cli-key' });
  dir = mkdtempSync(join(tmpdir(), 'weir-ft-'));
  file('support-x1000.openai-chat.train.jsonl', Array.from({ length: 12 }, (_, i) => line(i)).join('\n') + '\n');
  file('support-x1000.openai-chat.validation.jsonl', [line(100), line(101)].join('\n') + '\n');
  file('bad.jsonl', `${line(1)}\nnot json\n`);
});
afterAll(async () => {
  await worker?.stop();
  await fake?.close();
});

const cli = (args: string[]) =>
  weir(['finetune', ...args], { cwd: workspace(), env: { WEIR_URL: worker.url, WEIR_ADMIN_TOKEN: worker.adminToken } });
const job = (extra: string[] = []) => [
  '--trainer',
  'openai',
  '--model',
  'gpt-4o-mini-2024-07-18',
  '--train',
  join(dir, 'support-x1000.openai-chat.train.jsonl'),
  ...extra,
];

describe('weir finetune', () => {
  it('validate shows the examples, tokens and estimated cost, and exits 1 on a bad file', async () => {
    const ok = await cli(['validate', ...job(['--validation', join(dir, 'support-x1000.openai-chat.validation.jsonl'), '--epochs', '2'])]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('12 train, 2 validation');
    expect(ok.stdout).toMatch(/estimate\s+\$0\.\d{4} \([\d,]+ tokens × 2 epochs; \$3 per million tokens/);
    const bad = await cli(['validate', '--trainer', 'openai', '--model', 'gpt-4o-mini-2024-07-18', '--train', join(dir, 'bad.jsonl')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('train line 2: is not valid JSON');
    expect(bad.stdout).toContain('needs at least 10 training examples');
  });

  it('start shows the estimate and refuses to start without --yes when not on a terminal', async () => {
    const r = await cli(['start', ...job(['--suffix', 'nostart'])]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('estimate');
    expect(r.stderr).toContain('pass --yes to start');
    const list = await cli(['list', '--json']);
    expect((JSON.parse(list.stdout) as LooseJson).jobs.some((j: LooseJson) => j.suffix === 'nostart')).toBe(false);
  });

  it('start --yes --watch follows the job through the Workflow to its model, checkpoints and losses included', async () => {
    const r = await cli([
      'start',
      ...job([
        '--suffix',
        'x1000',
        '--validation',
        join(dir, 'support-x1000.openai-chat.validation.jsonl'),
        '--dataset-hash',
        'ab'.repeat(32),
        '--yes',
        '--watch',
        '--interval',
        '0.5',
      ]),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/started ftj_\w+ on openai/);
    expect(r.stdout).toMatch(/checkpoint step 10: train loss \d\.\d{4}, valid loss \d\.\d{4}/);
    expect(r.stdout).toContain('checkpoint step 30');
    expect(r.stdout).toMatch(/model ft:gpt-4o-mini-2024-07-18:fake-org:x1000:\S+ \(training cost \$/);
    const model = /model (ft:\S+)/.exec(r.stdout)![1];
    const registry = (await (
      await fetch(`${worker.url}/v1/models/registry`, { headers: { authorization: `Bearer ${worker.adminToken}` } })
    ).json()) as LooseJson;
    expect(registry.models.find((m: LooseJson) => m.model === model)).toMatchObject({
      trainer: 'openai',
      baseModel: 'gpt-4o-mini-2024-07-18',
      datasetName: 'support-x1000',
      datasetHash: `sha256:${'ab'.repeat(32)}`,
      trainingCostSource: 'trained_tokens',
    });
    const list = await cli(['list']);
    expect(list.stdout).toMatch(/JOB\s+STATUS\s+TRAINER/);
    expect(list.stdout).toContain(model);
  });

  it('watch exits 1 with the provider’s message when the job fails', async () => {
    const r = await cli([
      'start',
      '--trainer',
      'fireworks',
      '--model',
      'fake-ft-fail-model',
      '--train',
      join(dir, 'support-x1000.openai-chat.train.jsonl'),
      '--yes',
      '--watch',
      '--interval',
      '0.5',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('fake failure');
  });

  it('cancel stops a running job, and watch then reports it cancelled', async () => {
    const started = await cli([
      'start',
      '--trainer',
      'openai',
      '--model',
      'fake-ft-slow-model',
      '--train',
      join(dir, 'support-x1000.openai-chat.train.jsonl'),
      '--yes',
      '--json',
    ]);
    expect(started.code).toBe(0);
    const id = (JSON.parse(started.stdout) as LooseJson).job.id as string;
    const cancelled = await cli(['cancel', id]);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toContain(`${id}  cancelled`);
    const watched = await cli(['watch', id, '--interval', '0.2']);
    expect(watched.code).toBe(1);
    const again = await cli(['cancel', id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('409 conflict');
  });

  it('trainers lists the configured trainers without their keys', async () => {
    const r = await cli(['trainers']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAME\s+TYPE\s+BASE URL/);
    expect(r.stdout).toMatch(/openai\s+openai\s+http:\/\/127\.0\.0\.1/);
    expect(r.stdout).toContain('fireworks');
    expect(r.stdout).not.toContain('sk-fake-cli-key');
  });

  it('reports usage mistakes with exit 2', async () => {
    expect((await cli(['start', '--trainer', 'openai', '--model', 'm'])).code).toBe(2);
    expect((await cli(['validate', ...job(['--epochs', 'two'])])).code).toBe(2);
    expect((await cli(['validate', ...job(['--dataset-hash', 'abc'])])).code).toBe(2);
    expect((await cli(['validate', '--trainer', 'openai', '--model', 'm', '--train', join(dir, 'missing.jsonl')])).code).toBe(2);
  });
});
