// `weir eval run <file|name> --remote`: runs the eval in a Weir worker (its Workflow) instead of in
// this process. A file is sent as it is (its dataset and flows must be in the worker); a bare name
// runs the worker's stored eval. Progress streams from the run's SSE events; at the end the
// report prints like a local run's, and Ctrl-C cancels the run in the worker.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { EvalReport } from '../../worker/evals';
import type { Cell, EvalRunSummary } from '../../worker/eval-runs/types';
import { apiClient, ApiFailure, type RemoteOptions } from '../lib/api';
import { evalsDir } from '../lib/dataset-files';
import { CliError } from '../lib/errors';
import { emitReport } from '../lib/eval-output';
import { display } from '../lib/files';
import { readSse } from '../lib/sse-read';

export interface RemoteEvalOptions extends RemoteOptions {
  format: string;
  out?: string;
  results: string | boolean;
  repeats?: number;
  concurrency?: number;
  limit?: number;
  failUnder?: number;
}

const isName = (arg: string) => /^[a-z0-9][a-z0-9_-]*$/.test(arg);

function requestBody(arg: string): { eval: unknown; name: string } {
  if (isName(arg) && !existsSync(arg)) return { eval: arg, name: arg };
  const path = resolve(arg);
  let file: Record<string, unknown>;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new CliError(`${display(path)}: ${(err as Error).message}`, 2);
  }
  const name = typeof file.name === 'string' ? file.name : basename(path).replace(/\.eval\.json$|\.json$/, '');
  return { eval: { ...file, name }, name };
}

export async function runRemoteEval(arg: string, opts: RemoteEvalOptions): Promise<void> {
  const api = apiClient(opts);
  const { eval: which, name } = requestBody(arg);
  const body = { eval: which, repeats: opts.repeats, concurrency: opts.concurrency, limit: opts.limit };
  let run: EvalRunSummary;
  try {
    run = (await api.request<{ run: EvalRunSummary }>('POST', '/eval-runs', body)).body.run;
  } catch (err) {
    if (err instanceof ApiFailure) for (const i of err.body.error?.issues ?? []) console.error(`  ${i.path}: ${i.message} [${i.code}]`);
    throw err;
  }
  console.error(
    `running ${run.eval} in ${api.url}: ${run.total} run(s) on ${run.dataset.name}@${run.dataset.hash.replace(/^sha256:/, '').slice(0, 12)} (eval run ${run.id})`,
  );

  const controller = new AbortController();
  const onInterrupt = () => {
    console.error(`\ncancelling eval run ${run.id} ...`);
    controller.abort();
    void api.request('POST', `/eval-runs/${run.id}/cancel`).finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  const tty = process.stderr.isTTY === true;
  let status = run.status;
  let error: string | undefined;
  let failed = 0;
  let lastLine = '';
  try {
    for await (const msg of readSse(await api.events(`/eval-runs/${run.id}/events`, controller.signal))) {
      if (msg.event === 'cell' && !(msg.data as Cell).pass) failed++;
      if (msg.event === 'progress') {
        const p = msg.data as { done: number; total: number; status: typeof status };
        status = p.status;
        const tenth = p.total ? Math.floor((p.done / p.total) * 10) : 10;
        if (tty) process.stderr.write(`\r${p.done}/${p.total} runs, ${failed} failing, ${p.status}\x1b[K`);
        else if (`${tenth} ${p.status}` !== lastLine) console.error(`${p.done}/${p.total} runs (${p.status})`);
        lastLine = `${tenth} ${p.status}`;
      }
      if (msg.event === 'end') {
        ({ status, error } = msg.data as { status: typeof status; error?: string });
        break;
      }
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    if (tty) process.stderr.write('\r\x1b[K');
  }
  if (status !== 'done') throw new CliError(`eval run ${run.id} ${status}${error ? `: ${error}` : ''}`);
  const got = await api.request<{ run: EvalRunSummary; report: EvalReport; cells: Cell[] }>('GET', `/eval-runs/${run.id}`);
  const report = got.body.report;
  const definition = (
    await api.request<{ eval?: { definition: { passRate?: number } } }>('GET', `/evals/${name}`, undefined, { allow404: true })
  ).body;
  const passRate = typeof which === 'object' ? (which as { passRate?: number }).passRate : definition?.eval?.definition.passRate;
  const resultsPath =
    opts.results === false
      ? undefined
      : typeof opts.results === 'string'
        ? resolve(opts.results)
        : join(evalsDir(), 'results', `${name}.json`);
  emitReport(report, {
    format: opts.format,
    out: opts.out,
    results: resultsPath ? { path: resultsPath, content: { report, run: got.body.run, cells: got.body.cells } } : undefined,
    failUnder: opts.failUnder,
    passRate,
  });
}
