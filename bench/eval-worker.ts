// The eval benchmark's worker part: the same eval as an eval run in `wrangler dev` (npm start's
// way, through test/e2e/harness.ts), its Workflow against the fake provider, timed from
// POST /v1/eval-runs to the run's `end` event (every run recorded in the run log and as a cell,
// and the report built and stored).
import { formatDataset, type DatasetItem } from '../worker/datasets';
import type { EvalFile } from '../worker/evals';
import { startWeir } from '../test/e2e/harness';

export async function timeWorkerEval(opts: {
  items: DatasetItem[];
  file: EvalFile;
  fakeUrl: string;
}): Promise<{ ms: number; done: number; status: string }> {
  const weir = await startWeir({ OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: opts.fakeUrl, RATE_LIMITS: 'off', RUN_LOG: 'all' });
  const headers = { authorization: `Bearer ${weir.adminToken}`, 'content-type': 'application/json' };
  try {
    const put = await fetch(`${weir.url}/v1/datasets/bench-x1000`, { method: 'PUT', headers, body: formatDataset(opts.items) });
    if (!put.ok) throw new Error(`dataset: ${put.status} ${await put.text()}`);
    const evalFile = { ...opts.file, $schema: undefined, name: 'bench', dataset: { name: 'bench-x1000', split: 'test' } };
    const t0 = performance.now();
    const started = await fetch(`${weir.url}/v1/eval-runs`, { method: 'POST', headers, body: JSON.stringify({ eval: evalFile }) });
    if (started.status !== 202) throw new Error(`eval run: ${started.status} ${await started.text()}`);
    const { run } = (await started.json()) as { run: { id: string } };
    // The stream ends with the run; its text is read to the end.
    await (await fetch(`${weir.url}/v1/eval-runs/${run.id}/events`, { headers })).text();
    const ms = performance.now() - t0;
    const detail = (await (await fetch(`${weir.url}/v1/eval-runs/${run.id}`, { headers })).json()) as {
      run: { done: number; status: string };
    };
    return { ms, done: detail.run.done, status: detail.run.status };
  } finally {
    await weir.stop();
  }
}
