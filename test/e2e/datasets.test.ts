// Datasets through a real `wrangler dev` and the CLI: push the labelled dataset to D1, run an
// example five times, give one run a correction, promote the five runs (one into the test split),
// pull, and export for OpenAI fine-tuning with the test split left out.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, startWeir, type Weir } from './harness';
import { weir as runCli } from '../cli/helpers';

let weir: Weir;
let work: string;

beforeAll(async () => {
  weir = await startWeir();
  // A repository of its own, so pull and export never touch this one's datasets/.
  work = mkdtempSync(join(tmpdir(), 'weir-datasets-e2e-'));
  cpSync(join(root, 'flows'), join(work, 'flows'), { recursive: true });
  mkdirSync(join(work, 'datasets'));
  cpSync(join(root, 'datasets', 'support-x1000.jsonl'), join(work, 'datasets', 'support-x1000.jsonl'));
});
afterAll(async () => {
  await weir?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const weirCli = (args: string[]) => runCli(args, { cwd: work, env: { WEIR_URL: weir.url, WEIR_ADMIN_TOKEN: weir.adminToken } });

const lines = (path: string) => readFileSync(path, 'utf8').trim().split('\n');

describe('datasets over wrangler dev', () => {
  it('promotes five runs into a dataset and exports it for fine-tuning with the test split left out', async () => {
    const pushed = await weirCli(['dataset', 'push', 'support-x1000']);
    expect(pushed.stderr).toBe('');
    // npm start seeded datasets/ already: the same content pushed again is no new version.
    expect(pushed.stdout).toMatch(/support-x1000: unchanged \(version 1\), 30 items, hash [0-9a-f]{12}/);

    const runIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${weir.url}/v1/flows/support-x1000/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${weir.invokeKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ input: { question: `How do I troubleshoot error code E${i + 1} on the X1000? (promoted ${i})` } }),
      });
      expect(res.status).toBe(200);
      runIds.push(((await res.json()) as { runId: string }).runId);
    }
    // The log is written after the answer; wait until all five are there.
    for (let tries = 0; ; tries++) {
      const res = await fetch(`${weir.url}/v1/runs?flow=support-x1000&limit=50`, {
        headers: { authorization: `Bearer ${weir.adminToken}` },
      });
      const ids = ((await res.json()) as { runs: { id: string }[] }).runs.map((r) => r.id);
      if (runIds.every((id) => ids.includes(id))) break;
      if (tries > 100) throw new Error('the runs never reached the run log');
      await new Promise((r) => setTimeout(r, 100));
    }
    const correction = 'E1 means the filter is blocked: clean it and restart.';
    const fb = await fetch(`${weir.url}/v1/runs/${runIds[0]}/feedback`, {
      method: 'POST',
      headers: { authorization: `Bearer ${weir.invokeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ thumbs: 'down', correction }),
    });
    expect(fb.status).toBe(201);

    const train = await weirCli([
      'dataset',
      'from-runs',
      'support-x1000',
      '--runs',
      runIds.slice(0, 4).join(','),
      '--split',
      'train',
      '--tag',
      'from-runs',
    ]);
    expect(train.stdout).toContain('4 run(s) matched, 4 added, 0 already there, 0 refused');
    const again = await weirCli(['dataset', 'from-runs', 'support-x1000', '--runs', runIds.slice(0, 4).join(','), '--split', 'train']);
    expect(again.stdout).toContain('0 added, 4 already there');
    const test = await weirCli(['dataset', 'from-runs', 'support-x1000', '--runs', runIds[4], '--split', 'test', '--pull']);
    expect(test.stdout).toContain('now 35 items');
    expect(test.stdout).toMatch(/datasets\/support-x1000\.jsonl: updated \(35 items/);

    const items = lines(join(work, 'datasets', 'support-x1000.jsonl')).map(
      (l) => JSON.parse(l) as { id: string; split?: string; expected?: unknown },
    );
    expect(items).toHaveLength(35);
    expect(items.find((i) => i.id === `run-${runIds[0]}`)).toMatchObject({ split: 'train', expected: correction });
    expect(items.find((i) => i.id === `run-${runIds[4]}`)).toMatchObject({ split: 'test' });

    const out = join(work, 'build', 'ft');
    const exported = await weirCli([
      'dataset',
      'export',
      'support-x1000',
      '--format',
      'openai-chat',
      '--base-model',
      'gpt-4o-mini-2024-07-18',
      '--out',
      out,
    ]);
    expect(exported.code, exported.stderr + exported.stdout).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['support-x1000.openai-chat.train.jsonl', 'support-x1000.openai-chat.validation.jsonl']);
    const trainText = readFileSync(join(out, 'support-x1000.openai-chat.train.jsonl'), 'utf8');
    expect(lines(join(out, 'support-x1000.openai-chat.train.jsonl'))).toHaveLength(12 + 4);
    expect(trainText).toContain(correction);
    expect(trainText).toContain('(promoted 1)');
    // The test-split run is in neither file.
    const all = trainText + readFileSync(join(out, 'support-x1000.openai-chat.validation.jsonl'), 'utf8');
    expect(all).not.toContain('(promoted 4)');
    expect(existsSync(join(out, 'support-x1000.openai-chat.test.jsonl'))).toBe(false);

    // The worker and the file agree on the content hash.
    const info = await weirCli(['dataset', 'info', 'support-x1000', '--json']);
    const local = (JSON.parse(info.stdout) as { hash: string }).hash;
    const remote = (await (await fetch(`${weir.url}/v1/datasets`, { headers: { authorization: `Bearer ${weir.adminToken}` } })).json()) as {
      datasets: { name: string; hash: string }[];
    };
    expect(remote.datasets.find((d) => d.name === 'support-x1000')?.hash).toBe(local);
  });
});
