// `weir finetune validate` and `weir finetune start`: check the files and show the cost estimate
// first; start only after a yes (asked on a terminal, or --yes), then optionally watch the job.
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { addRemoteOptions, apiClient, type RemoteOptions } from '../lib/api';
import { CliError, ExitCode } from '../lib/errors';
import { addJobOptions, jobBody, type JobOptions } from './finetune-request';
import { money, printPlan, type Job, type Plan } from './finetune-print';
import { watchJob } from './finetune-watch';

type ValidateOptions = JobOptions & RemoteOptions & { json?: boolean };
type StartOptions = ValidateOptions & { yes?: boolean; watch?: boolean; interval?: string };

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function finetuneValidateCommand(parent: Command): void {
  const cmd = parent
    .command('validate')
    .description('check training files and estimate the cost; nothing is uploaded')
    .option('--json', 'print the plan as JSON');
  addRemoteOptions(addJobOptions(cmd));
  cmd.action(async (opts: ValidateOptions) => {
    const { body } = await apiClient(opts).request<Plan>('POST', '/finetunes/validate', jobBody(opts));
    if (opts.json) process.stdout.write(JSON.stringify(body, null, 2) + '\n');
    else printPlan(body);
    if (!body.valid) throw new ExitCode(1);
  });
}

export function finetuneStartCommand(parent: Command): void {
  const cmd = parent
    .command('start')
    .description('show the estimate, then upload the files and start a fine-tuning job')
    .option('-y, --yes', 'start without asking (needed when not on a terminal)')
    .option('--watch', 'follow the job until it ends')
    .option('--interval <seconds>', 'with --watch: seconds between reads', '5')
    .option('--json', 'print the started job as JSON');
  addRemoteOptions(addJobOptions(cmd));
  cmd.action(async (opts: StartOptions) => {
    const api = apiClient(opts);
    const body = jobBody(opts);
    const { body: plan } = await api.request<Plan>('POST', '/finetunes/validate', body);
    if (!opts.json) printPlan(plan);
    if (!plan.valid) throw new ExitCode(1);
    if (!opts.yes) {
      if (!process.stdin.isTTY) throw new CliError(`not started: the estimate is ${money(plan.estimate.costUsd)}; pass --yes to start`);
      if (!(await confirm(`Start this job (estimate ${money(plan.estimate.costUsd)})? [y/N] `))) throw new CliError('not started');
    }
    const { body: started } = await api.request<{ job: Job; following: boolean }>('POST', '/finetunes', body);
    if (opts.json) process.stdout.write(JSON.stringify(started, null, 2) + '\n');
    else {
      console.log(`started ${started.job.id} on ${started.job.trainer} (estimate ${money(started.job.estimatedCostUsd)})`);
      if (!started.following) console.log('the worker has no FINETUNE_WORKFLOW binding: the job is not being followed');
    }
    if (opts.watch) await watchJob(api, started.job.id, Number(opts.interval) * 1000, !!opts.json);
  });
}
