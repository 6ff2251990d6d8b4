// `weir finetune watch <job>`: reads the job until it ends, printing each new event and each
// checkpoint with its loss; exits 0 when it succeeded, 1 when it failed or was cancelled.
import type { Command } from 'commander';
import { addRemoteOptions, apiClient, type ApiClient, type RemoteOptions } from '../lib/api';
import { ExitCode, usageError } from '../lib/errors';
import { dim } from '../lib/color';
import { jobLine, money, type Job } from './finetune-print';

interface Detail {
  job: Job;
  events: { id: string; seq: number; at: string; level: string; message: string }[];
  checkpoints: { step: number; trainLoss: number | null; validLoss: number | null }[];
}

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);
const loss = (n: number | null) => (n === null ? '-' : n.toFixed(4));

export async function watchJob(api: ApiClient, id: string, intervalMs: number, json: boolean): Promise<void> {
  let seenEvents = 0;
  const seenSteps = new Set<number>();
  let lastStatus = '';
  for (;;) {
    const { body } = await api.request<Detail>('GET', `/finetunes/${encodeURIComponent(id)}`);
    for (const e of body.events.filter((e) => e.seq > seenEvents)) {
      if (json) process.stdout.write(JSON.stringify({ event: e }) + '\n');
      else console.log(`${dim(e.at.replace('T', ' ').slice(0, 19))}  ${e.level === 'info' ? '' : `${e.level}: `}${e.message}`);
      seenEvents = Math.max(seenEvents, e.seq);
    }
    for (const c of body.checkpoints.filter((c) => !seenSteps.has(c.step))) {
      seenSteps.add(c.step);
      if (json) process.stdout.write(JSON.stringify({ checkpoint: c }) + '\n');
      else console.log(`checkpoint step ${c.step}: train loss ${loss(c.trainLoss)}, valid loss ${loss(c.validLoss)}`);
    }
    if (body.job.status !== lastStatus && !json) console.log(jobLine(body.job));
    lastStatus = body.job.status;
    if (ENDED.has(body.job.status)) {
      if (json) process.stdout.write(JSON.stringify({ job: body.job }) + '\n');
      else if (body.job.status === 'succeeded')
        console.log(`model ${body.job.fineTunedModel} (training cost ${money(body.job.trainingCostUsd ?? body.job.estimatedCostUsd)})`);
      else if (body.job.error) console.log(`${body.job.error.code}: ${body.job.error.message}`);
      if (body.job.status !== 'succeeded') throw new ExitCode(1);
      if (body.job.target && !json) await printThreeWay(api, id, body.job, intervalMs);
      return;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A targeted job's three-way eval starts right after it succeeds: say which run it is, or why there is none. */
async function printThreeWay(api: ApiClient, id: string, job: Job, intervalMs: number): Promise<void> {
  let current = job;
  for (let i = 0; i < 20 && !current.evalRunId && !current.evalError; i++) {
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, 1000)));
    current = (await api.request<Detail>('GET', `/finetunes/${encodeURIComponent(id)}`)).body.job;
  }
  if (current.evalRunId)
    console.log(`three-way eval run ${current.evalRunId} (GET /v1/eval-runs/${current.evalRunId}); then: weir finetune adopt ${id}`);
  else if (current.evalError) console.log(`no three-way eval: ${current.evalError}`);
}

export function finetuneWatchCommand(parent: Command): void {
  const cmd = parent
    .command('watch')
    .description('follow a job: events, checkpoints with loss, the resulting model')
    .argument('<job>', 'a job id (weir finetune list)')
    .option('--interval <seconds>', 'seconds between reads', '5')
    .option('--json', 'one JSON object a line');
  addRemoteOptions(cmd);
  cmd.action(async (id: string, opts: RemoteOptions & { interval: string; json?: boolean }) => {
    const seconds = Number(opts.interval);
    if (!Number.isFinite(seconds) || seconds < 0.1) throw usageError(`--interval must be at least 0.1 seconds, got "${opts.interval}"`);
    await watchJob(apiClient(opts), id, seconds * 1000, !!opts.json);
  });
}
