// Evals in the worker over a real `wrangler dev` (one start for the whole file): the seeded
// evals, `weir eval run --remote` on evals/support-x1000.eval.json with echo (live progress from
// SSE, the report with intervals and the technique comparison, the same pass rates as a local
// run), the run's cells and run-log rows, SSE replay, and cancelling a run.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalReport } from '../../worker/evals';
import type { Cell, EvalRunSummary } from '../../worker/eval-runs/types';
import { parseSse } from '../helpers/sse';
import { root, startWeir, type Weir } from './harness';
import { weir as runCli } from '../cli/helpers';

let weir: Weir;
let tmp: string;

beforeAll(async () => {
  weir = await startWeir();
  // A copy of the repository's files to run the CLI in: never this checkout's .dev.vars or results.
  tmp = mkdtempSync(join(tmpdir(), 'weir-eval-runs-e2e-'));
  for (const d of ['flows', 'datasets', 'evals'])
    cpSync(join(root, d), join(tmp, d), { recursive: true, filter: (src) => !src.includes(`${d}/results`) });
});
afterAll(async () => {
  await weir?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const api = async <T>(path: string, init: { method?: string; json?: unknown } = {}): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${weir.url}/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${weir.adminToken}`, 'content-type': 'application/json' },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  return { status: res.status, body: (await res.json()) as T };
};

const weirCli = (args: string[]) => runCli(args, { cwd: tmp, env: { WEIR_URL: weir.url, WEIR_ADMIN_TOKEN: weir.adminToken } });

/** Items in the test split of datasets/support-x1000.jsonl (the eval's split). */
const testItems = () =>
  readFileSync(join(root, 'datasets', 'support-x1000.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .filter((l) => (JSON.parse(l) as { split?: string }).split === 'test').length;

describe('evals in the worker over wrangler dev', () => {
  it('has the example evals seeded by npm start', async () => {
    const { body } = await api<{ evals: { name: string; flow: string; variants: string[] }[] }>('/evals');
    expect(body.evals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'support-x1000',
          flow: 'support-x1000',
          variants: ['base+prompt', 'finetuned', 'finetuned+prompt'],
        }),
        expect.objectContaining({ name: 'email-announcement', flow: 'email-announcement' }),
      ]),
    );
  });

  it('runs evals/support-x1000.eval.json in the worker with weir eval run --remote, as a local run would', async () => {
    const results = join(tmp, 'remote.json');
    const items = testItems();
    const runs = items * 3;
    const remote = await weirCli(['eval', 'run', 'evals/support-x1000.eval.json', '--remote', '--format', 'json', '--results', results]);
    expect(remote.code, remote.stderr).toBe(0);
    expect(remote.stderr).toMatch(new RegExp(`running support-x1000 in http://127\\.0\\.0\\.1:\\d+: ${runs} run\\(s\\)`));
    expect(remote.stderr).toContain(`${runs}/${runs} runs (done)`);
    const report = JSON.parse(remote.stdout) as EvalReport;
    expect(report.variants.map((v) => v.name)).toEqual(['base+prompt', 'finetuned', 'finetuned+prompt']);
    for (const v of report.variants) {
      expect(v.items).toBe(items);
      expect(v.interval.low).toBeLessThanOrEqual(v.passRate);
      expect(v.interval.high).toBeGreaterThanOrEqual(v.passRate);
    }
    expect(report.pairs).toHaveLength(3);
    expect(report.comparison).toBeDefined();
    expect(report.dataset).toMatchObject({ name: 'support-x1000', split: 'test', items });

    // The same engine on the same items: the local run agrees.
    const local = await weirCli(['eval', 'run', 'support-x1000', '--format', 'json', '--no-results']);
    expect(local.code, local.stderr).toBe(0);
    const localReport = JSON.parse(local.stdout) as EvalReport;
    expect(report.variants.map((v) => [v.name, v.passRate, v.errors])).toEqual(
      localReport.variants.map((v) => [v.name, v.passRate, v.errors]),
    );
    expect(report.dataset.hash).toBe(localReport.dataset.hash);

    // The results file has the run, and every cell's run opens from the run log with source eval.
    const saved = JSON.parse(readFileSync(results, 'utf8')) as { run: EvalRunSummary; cells: Cell[] };
    expect(saved.run).toMatchObject({ status: 'done', done: runs, total: runs, source: 'api' });
    expect(saved.cells).toHaveLength(runs);
    const logged = await api<{ source: string; flow: { id: string } }>(`/runs/${saved.cells[0].runId}`);
    expect(logged.body).toMatchObject({ source: 'eval', flow: { id: 'support-x1000' } });
    const detail = await api<{ nodes: Record<string, Record<string, { runs: number; handles: Record<string, number> }>> }>(
      `/eval-runs/${saved.run.id}`,
    );
    expect(detail.body.nodes['base+prompt'].route.runs).toBe(items);
    expect(Object.keys(detail.body.nodes['base+prompt'].route.handles).length).toBeGreaterThan(0);

    // A late subscriber to the events gets every cell, the progress and the end.
    const events = parseSse(
      await (
        await fetch(`${weir.url}/v1/eval-runs/${saved.run.id}/events`, { headers: { authorization: `Bearer ${weir.adminToken}` } })
      ).text(),
    );
    expect(events.filter((e) => e.event === 'cell')).toHaveLength(runs);
    expect(events.at(-1)).toEqual({ event: 'end', data: { status: 'done' } });
  });

  it('cancels a run through the API and the stream ends cancelled', async () => {
    const started = await api<{ run: EvalRunSummary }>('/eval-runs', {
      method: 'POST',
      json: { eval: 'support-x1000', repeats: 40, label: 'to cancel' },
    });
    expect(started.status).toBe(202);
    expect(started.body.run).toMatchObject({ status: 'queued', total: testItems() * 3 * 40, label: 'to cancel' });
    const cancelled = await api<{ run: EvalRunSummary }>(`/eval-runs/${started.body.run.id}/cancel`, { method: 'POST' });
    expect(cancelled.body.run.status).toBe('cancelled');
    const res = await fetch(`${weir.url}/v1/eval-runs/${started.body.run.id}/events`, {
      headers: { authorization: `Bearer ${weir.adminToken}` },
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await res.text());
    expect(events.at(-1)).toEqual({ event: 'end', data: { status: 'cancelled' } });
    // The Workflow stops at its next check: the count of cells stops short of the total and stays put.
    await new Promise((r) => setTimeout(r, 2500));
    const first = await api<{ run: EvalRunSummary; report: unknown }>(`/eval-runs/${started.body.run.id}`);
    await new Promise((r) => setTimeout(r, 1500));
    const later = await api<{ run: EvalRunSummary }>(`/eval-runs/${started.body.run.id}`);
    expect(first.body.run.status).toBe('cancelled');
    expect(first.body.report).toBeNull();
    expect(later.body.run.done).toBe(first.body.run.done);
    expect(later.body.run.done).toBeLessThan(later.body.run.total);
  });
});
