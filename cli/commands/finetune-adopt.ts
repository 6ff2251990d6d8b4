// `weir finetune adopt <job>`: the job's fine-tuned model into its target node (or --flow/--node)
// as a new draft on the worker. Nothing is published: `weir publish <flow>` releases it.
import type { Command } from 'commander';
import { addRemoteOptions, apiClient, type RemoteOptions } from '../lib/api';
import { usageError } from '../lib/errors';
import { green, yellow } from '../lib/color';

interface Adopted {
  flow: string;
  node: string;
  model: string;
  unchanged: boolean;
  updatedAt: string | null;
  diff: { summary: string[] };
  problems: { severity: string; message: string; nodeId?: string }[];
}

export function printAdopted(a: Adopted): void {
  if (a.unchanged) console.log(`${a.flow} node ${a.node} already uses ${a.model}: the draft is unchanged`);
  else console.log(green(`adopted ${a.model} into ${a.flow} node ${a.node} as a new draft`));
  for (const line of a.diff.summary) console.log(`  ~ ${line}`);
  for (const p of a.problems) console.log(yellow(`${p.severity}${p.nodeId ? ` (${p.nodeId})` : ''}: ${p.message}`));
  console.log(`not published: review it, then weir publish ${a.flow} --note "adopt ${a.model}"`);
}

export function finetuneAdoptCommand(parent: Command): void {
  const cmd = parent
    .command('adopt')
    .description("write a succeeded job's model into its fine-tuned node as a new draft (never published)")
    .argument('<job>', 'a job id')
    .option('--flow <id>', "the flow (default: the job's target)")
    .option('--node <id>', "the fine-tuned node (default: the job's target)")
    .option('--json', 'print the result as JSON');
  addRemoteOptions(cmd);
  cmd.action(async (id: string, opts: RemoteOptions & { flow?: string; node?: string; json?: boolean }) => {
    if (opts.node && !opts.flow) throw usageError('--node needs --flow');
    const body = { ...(opts.flow ? { flow: opts.flow } : {}), ...(opts.node ? { node: opts.node } : {}) };
    const { body: adopted } = await apiClient(opts).request<Adopted>('POST', `/finetunes/${encodeURIComponent(id)}/adopt`, body);
    if (opts.json) return void process.stdout.write(JSON.stringify(adopted, null, 2) + '\n');
    printAdopted(adopted);
  });
}
