// `weir finetune validate | start | watch | list | cancel`: fine-tuning jobs on the worker's
// trainers (TRAINERS), through the admin API under /v1/finetunes.
import type { Command } from 'commander';
import { addRemoteOptions, apiClient, type RemoteOptions } from '../lib/api';
import { jobLine, money, printTable, type Job } from './finetune-print';
import { finetuneStartCommand, finetuneValidateCommand } from './finetune-start';
import { finetuneWatchCommand } from './finetune-watch';
import { finetuneAdoptCommand } from './finetune-adopt';
import { finetuneReplaceCommand } from './finetune-replace';

function listCommand(parent: Command): void {
  const cmd = parent
    .command('list')
    .description('fine-tuning jobs, newest first')
    .option('--status <status>', 'only jobs in this status')
    .option('--json', 'print the jobs as JSON');
  addRemoteOptions(cmd);
  cmd.action(async (opts: RemoteOptions & { status?: string; json?: boolean }) => {
    const query = opts.status ? `?status=${encodeURIComponent(opts.status)}` : '';
    const { body } = await apiClient(opts).request<{ jobs: Job[] }>('GET', `/finetunes${query}`);
    if (opts.json) return void process.stdout.write(JSON.stringify(body, null, 2) + '\n');
    if (body.jobs.length === 0) return console.log('no fine-tuning jobs (weir finetune start)');
    printTable([
      ['JOB', 'STATUS', 'TRAINER', 'BASE MODEL', 'DATASET', 'FOR', 'COST', 'MODEL', 'THREE-WAY EVAL'],
      ...body.jobs.map((j) => [
        j.id,
        j.status,
        j.trainer,
        j.baseModel,
        j.datasetName ?? '',
        j.target ? `${j.target.flow}/${j.target.node}` : '',
        money(j.trainingCostUsd ?? j.estimatedCostUsd),
        j.fineTunedModel ?? '',
        j.evalRunId ?? (j.evalError ? 'not started' : ''),
      ]),
    ]);
  });
}

function trainersCommand(parent: Command): void {
  const cmd = parent.command('trainers').description('the trainers the worker has (TRAINERS)').option('--json', 'print them as JSON');
  addRemoteOptions(cmd);
  cmd.action(async (opts: RemoteOptions & { json?: boolean }) => {
    const { body } = await apiClient(opts).request<{ trainers: { name: string; type: string; baseURL: string; provider?: string }[] }>(
      'GET',
      '/finetunes/trainers',
    );
    if (opts.json) return void process.stdout.write(JSON.stringify(body, null, 2) + '\n');
    if (body.trainers.length === 0) return console.log('no trainers configured (set TRAINERS; see the README)');
    printTable([['NAME', 'TYPE', 'BASE URL', 'SERVED BY'], ...body.trainers.map((t) => [t.name, t.type, t.baseURL, t.provider ?? ''])]);
  });
}

function cancelCommand(parent: Command): void {
  const cmd = parent.command('cancel').description('cancel a job that has not ended').argument('<job>', 'a job id');
  addRemoteOptions(cmd);
  cmd.action(async (id: string, opts: RemoteOptions) => {
    const { body } = await apiClient(opts).request<{ job: Job }>('POST', `/finetunes/${encodeURIComponent(id)}/cancel`);
    console.log(jobLine(body.job));
  });
}

export function finetuneCommand(program: Command): void {
  const parent = program
    .command('finetune')
    .description('fine-tune models on the worker’s trainers: validate, start, watch, list, cancel, adopt, replace, trainers');
  parent.addHelpText(
    'after',
    `
Examples:
  weir finetune validate --trainer openai --model gpt-4o-mini-2024-07-18 --train out/support-x1000.openai-chat.train.jsonl
  weir finetune start --trainer openai --model gpt-4o-mini-2024-07-18 --train out/support-x1000.openai-chat.train.jsonl \\
      --validation out/support-x1000.openai-chat.validation.jsonl --suffix x1000 --max-cost 5 --yes --watch
  weir finetune start --trainer openai --model gpt-4o-mini-2024-07-18 --dataset support-x1000 \\
      --flow support-x1000 --node specialist --yes --watch
  weir finetune adopt ftj_0123456789abcdef0123
  weir finetune replace --flow support-x1000 --node specialist --candidate gpt-4.1-mini
  weir finetune list --status running
  weir finetune watch ftj_0123456789abcdef0123
  weir finetune cancel ftj_0123456789abcdef0123`,
  );
  finetuneValidateCommand(parent);
  finetuneStartCommand(parent);
  finetuneWatchCommand(parent);
  listCommand(parent);
  cancelCommand(parent);
  finetuneAdoptCommand(parent);
  finetuneReplaceCommand(parent);
  trainersCommand(parent);
}
