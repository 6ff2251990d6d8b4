// `weir finetune replace --flow X --node Y [--candidate model ...]`: evaluates candidate
// replacements for a fine-tuned node whose base model retires (POST /v1/finetunes/replacements),
// waits for the eval run and prints the comparison the way `weir eval run` does.
import type { Command } from 'commander';
import type { EvalReport } from '../../worker/evals';
import { addRemoteOptions, apiClient, type ApiClient, type RemoteOptions } from '../lib/api';
import { CliError, usageError } from '../lib/errors';
import { formatMarkdown, formatTable } from '../lib/eval-report-text';
import type { Job } from './finetune-print';

interface ReplaceOptions extends RemoteOptions {
  flow: string;
  node: string;
  candidate: string[];
  provider?: string;
  dataset?: string;
  retrainTrainer?: string;
  retrainModel?: string;
  limit?: string;
  format: string;
  wait: boolean;
  interval: string;
}

interface RunSummary {
  id: string;
  status: string;
  done: number;
  total: number;
  error?: string;
}

interface Started {
  run: RunSummary;
  candidates: { model: string; provider?: string }[];
  suggested: boolean;
  current: { model: string; retiresAt: string | null } | null;
  retrain: { job: Job } | { error: { code: string; message: string } } | null;
}

const FORMATS = ['table', 'json', 'md'];
const collect = (value: string, previous: string[]) => [...previous, value];
const FINISHED = new Set(['done', 'failed', 'cancelled']);

/** Reads the eval run until it ends; progress on stderr. */
export async function waitForEvalRun(
  api: ApiClient,
  id: string,
  intervalMs: number,
): Promise<{ run: RunSummary; report: EvalReport | null }> {
  let last = '';
  for (;;) {
    const { body } = await api.request<{ run: RunSummary; report: EvalReport | null }>('GET', `/eval-runs/${encodeURIComponent(id)}`);
    const line = `${body.run.status} ${body.run.done}/${body.run.total}`;
    if (line !== last) process.stderr.write(`eval run ${id}: ${line}\n`);
    last = line;
    if (FINISHED.has(body.run.status)) return body;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function finetuneReplaceCommand(parent: Command): void {
  const cmd = parent
    .command('replace')
    .description('evaluate replacements for a fine-tuned node whose base model retires, and print the comparison')
    .requiredOption('--flow <id>', 'the flow')
    .requiredOption('--node <id>', 'its fine-tuned node')
    .option(
      '--candidate <model>',
      'a model to try with the engineered prompt (repeat); default: current models of the node’s provider',
      collect,
      [],
    )
    .option('--provider <name>', 'the provider serving the --candidate models (default: the default provider)')
    .option('--dataset <name>', 'the dataset to evaluate on (default: the one the fine-tune was trained on)')
    .option('--retrain-trainer <name>', 'also re-train on this trainer (with --retrain-model); it gets its own three-way eval')
    .option('--retrain-model <base-model>', 'the base model to re-train')
    .option('--limit <n>', 'only the first n items')
    .option('--format <format>', FORMATS.join(' | '), 'table')
    .option('--no-wait', 'start the eval run and print its id without waiting')
    .option('--interval <seconds>', 'seconds between progress reads', '2');
  addRemoteOptions(cmd).addHelpText(
    'after',
    `
Examples:
  weir finetune replace --flow support-x1000 --node specialist
  weir finetune replace --flow support-x1000 --node specialist --candidate gpt-4.1-mini --candidate gpt-5-mini --format md
  weir finetune replace --flow support-x1000 --node specialist --retrain-trainer together --retrain-model meta-llama/Llama-3.1-8B-Instruct`,
  );
  cmd.action(async (o: ReplaceOptions) => {
    if (!FORMATS.includes(o.format)) throw usageError(`--format is one of ${FORMATS.join(', ')}`);
    if ((o.retrainTrainer === undefined) !== (o.retrainModel === undefined))
      throw usageError('--retrain-trainer and --retrain-model go together');
    const limit = o.limit === undefined ? undefined : Number(o.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw usageError('--limit is a whole number from 1');
    const interval = Number(o.interval);
    if (!Number.isFinite(interval) || interval <= 0) throw usageError('--interval is a number of seconds above 0');
    const api = apiClient(o);
    const { body } = await api.request<Started>('POST', '/finetunes/replacements', {
      flow: o.flow,
      node: o.node,
      ...(o.candidate.length
        ? { candidates: o.candidate.map((model) => ({ model, ...(o.provider ? { provider: o.provider } : {}) })) }
        : {}),
      ...(o.dataset ? { dataset: o.dataset } : {}),
      ...(o.retrainTrainer ? { retrain: { trainer: o.retrainTrainer, baseModel: o.retrainModel } } : {}),
      ...(limit ? { limit } : {}),
    });
    const models = body.candidates.map((c) => c.model).join(', ');
    process.stderr.write(
      `${body.suggested ? 'suggested' : 'candidates'}: ${models}; baseline: ${body.current?.model ?? 'the flow as it is'}${body.current?.retiresAt ? ` (retires ${body.current.retiresAt})` : ''}\n`,
    );
    if (body.retrain && 'job' in body.retrain)
      process.stderr.write(`re-train started: ${body.retrain.job.id} (weir finetune watch ${body.retrain.job.id})\n`);
    if (body.retrain && 'error' in body.retrain) process.stderr.write(`re-train not started: ${body.retrain.error.message}\n`);
    if (!o.wait) {
      if (o.format === 'json') process.stdout.write(JSON.stringify(body, null, 2) + '\n');
      else console.log(`eval run ${body.run.id} started (GET /v1/eval-runs/${body.run.id})`);
      return;
    }
    const ended = await waitForEvalRun(api, body.run.id, interval * 1000);
    if (ended.run.status !== 'done' || !ended.report)
      throw new CliError(`eval run ${ended.run.id} ${ended.run.status}${ended.run.error ? `: ${ended.run.error}` : ''}`);
    if (o.format === 'json') process.stdout.write(JSON.stringify({ ...body, run: ended.run, report: ended.report }, null, 2) + '\n');
    else process.stdout.write(o.format === 'md' ? formatMarkdown(ended.report) : formatTable(ended.report));
  });
}
