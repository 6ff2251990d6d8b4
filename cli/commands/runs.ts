// `weir runs list | show`: the worker's run log (GET /v1/runs, GET /v1/runs/:id) as tables or,
// with --json, as the API returns it.
import type { Command } from 'commander';
import { addRemoteOptions, apiClient, type RemoteOptions } from '../lib/api';
import { usageError } from '../lib/errors';
import { runsTable, table, usd, when, type RunRow } from '../lib/runs-format';

interface ListOptions extends RemoteOptions {
  flow?: string;
  version?: string;
  status?: string;
  source?: string;
  experiment?: string;
  arm?: string;
  failedNode?: string;
  fellBackNode?: string;
  from?: string;
  to?: string;
  search?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
}

interface RunDetail extends RunRow {
  keyId: string | null;
  prompts: { name: string; version: number }[];
  input: unknown;
  output?: unknown;
  firstTokenMs: number | null;
  trace: {
    nodeId: string;
    type: string;
    status: string;
    handle?: string;
    model?: string;
    durationMs?: number;
    tokens?: { inputTokens: number; outputTokens: number };
    costUsd?: number | null;
    error?: { code: string; message: string };
  }[];
  scores: { name: string; value: number | null; text: string | null; source: string }[];
}

const print = (value: unknown): void => void process.stdout.write(JSON.stringify(value, null, 2) + '\n');

function listQuery(o: ListOptions): string {
  const q = new URLSearchParams();
  const add = (k: string, v: string | undefined) => v !== undefined && q.set(k, v);
  add('flow', o.flow);
  add('version', o.version);
  add('status', o.status);
  add('source', o.source);
  add('experiment', o.experiment);
  add('arm', o.arm);
  add('failedNode', o.failedNode);
  add('fellBackNode', o.fellBackNode);
  add('from', o.from);
  add('to', o.to);
  add('q', o.search);
  add('limit', o.limit);
  add('cursor', o.cursor);
  const text = q.toString();
  return text ? `?${text}` : '';
}

function showRun(r: RunDetail): void {
  const status = r.status === 'ok' ? 'ok' : `failed: ${r.error?.code}${r.error?.nodeId ? ` at node ${r.error.nodeId}` : ''}`;
  console.log(`run ${r.id}  ${when(r.createdAt)} UTC  ${r.source}${r.keyId ? ` (${r.keyId})` : ''}`);
  console.log(`flow ${r.flow.id}@${r.flow.version}${r.flow.label ? ` (${r.flow.label})` : ''}  ${status}`);
  console.log(
    `${r.durationMs}ms${r.firstTokenMs !== null ? ` (first token ${r.firstTokenMs}ms)` : ''} · ${r.usage.calls} call(s) · ${r.usage.inputTokens} in / ${r.usage.outputTokens} out tokens · cost ${usd(r.costUsd)}`,
  );
  if (r.prompts.length) console.log(`prompts: ${r.prompts.map((p) => `${p.name}@${p.version}`).join(', ')}`);
  console.log('');
  const rows = r.trace.map((t) => [
    t.nodeId,
    t.type,
    t.status + (t.handle ? ` → ${t.handle}` : ''),
    t.model ?? '',
    t.tokens ? `${t.tokens.inputTokens}/${t.tokens.outputTokens}` : '',
    t.tokens ? usd(t.costUsd) : '',
    t.durationMs !== undefined ? `${t.durationMs}ms` : '',
    t.error ? `${t.error.code}: ${t.error.message}` : '',
  ]);
  console.log(table([['NODE', 'TYPE', 'STATUS', 'MODEL', 'TOKENS', 'COST', 'TIME', 'ERROR'], ...rows]));
  console.log(`\ninput:  ${JSON.stringify(r.input)}`);
  if ('output' in r) console.log(`output: ${typeof r.output === 'string' ? r.output : JSON.stringify(r.output)}`);
  for (const s of r.scores) console.log(`${s.name} (${s.source}): ${s.value ?? ''}${s.text ? ` ${s.text}` : ''}`);
}

export function runsCommand(program: Command): void {
  const runs = program.command('runs').description("the worker's run log: recent runs and one run's trace");
  const list = runs
    .command('list')
    .description('recent runs, newest first')
    .option('--flow <id>', 'only this flow')
    .option('--version <n>', 'only this flow version (a number or draft)')
    .option('--status <status>', 'ok or failed')
    .option('--source <source>', 'edge, chat, editor, eval or experiment')
    .option('--experiment <id>', 'runs this experiment chose')
    .option('--arm <name>', "only this experiment arm's runs (shadow for shadow runs)")
    .option('--failed-node <id>', 'runs where this node failed (* for any)')
    .option('--fell-back-node <id>', 'runs where this node fell back (* for any)')
    .option('--from <time>', 'started at or after (ISO time)')
    .option('--to <time>', 'started before (ISO time)')
    .option('--search <text>', 'text in the input or output')
    .option('--limit <n>', 'how many (1-200, default 50)')
    .option('--cursor <cursor>', 'the next page, as printed after a full page')
    .option('--json', 'print {runs, nextCursor} as the API returns it');
  addRemoteOptions(list).addHelpText(
    'after',
    `
Examples:
  weir runs list --flow support-x1000
  weir runs list --status failed --json
  weir runs list --fell-back-node specialist --from 2026-11-30`,
  );
  list.action(async (opts: ListOptions) => {
    if (opts.status && !['ok', 'failed'].includes(opts.status)) throw usageError('--status is ok or failed');
    const { body } = await apiClient(opts).request<{ runs: RunRow[]; nextCursor: string | null }>('GET', `/runs${listQuery(opts)}`);
    if (opts.json) return print(body);
    if (!body.runs.length) return console.log('no runs match');
    console.log(runsTable(body.runs));
    if (body.nextCursor) console.log(`\nmore: weir runs list --cursor ${body.nextCursor} (with the same filters)`);
  });

  const show = runs
    .command('show')
    .description("one run: status, tokens, cost, and each node's trace")
    .argument('<run-id>', 'the run id (runId in the answer)')
    .option('--json', 'print the whole run as the API returns it');
  addRemoteOptions(show).addHelpText(
    'after',
    `
Examples:
  weir runs show 0b6f6a4e-3d1c-4f43-9a53-5a1f0f1b7c2e
  weir runs show 0b6f6a4e-3d1c-4f43-9a53-5a1f0f1b7c2e --json`,
  );
  show.action(async (id: string, opts: RemoteOptions & { json?: boolean }) => {
    const { body } = await apiClient(opts).request<RunDetail>('GET', `/runs/${encodeURIComponent(id)}`);
    if (opts.json) return print(body);
    showRun(body);
  });
}
