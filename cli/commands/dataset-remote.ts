// `weir dataset pull | push | from-runs`: datasets between datasets/<name>.jsonl and a Weir worker
// (D1), identified by content hash, and items promoted from the worker's run log.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { formatDataset, type DatasetItem } from '../../worker/datasets';
import { addRemoteOptions, ApiFailure, apiClient, type ApiClient, type RemoteOptions } from '../lib/api';
import { datasetsDir, readDataset, resolveDatasetArg } from '../lib/dataset-files';
import { CliError, usageError } from '../lib/errors';
import { display } from '../lib/files';
import { problemLine } from '../lib/problems';

interface Summary {
  name: string;
  hash: string;
  items: number;
  version: number;
  changed?: boolean;
}

const datasetsDirOrNew = (): string => {
  try {
    return datasetsDir();
  } catch {
    return join(process.cwd(), 'datasets');
  }
};

async function pullOne(api: ApiClient, name: string): Promise<boolean> {
  const res = await api.request<Summary & { items: DatasetItem[] }>('GET', `/datasets/${encodeURIComponent(name)}`, undefined, {
    allow404: true,
  });
  if (res.status === 404) return false;
  const dir = datasetsDirOrNew();
  const path = join(dir, `${name}.jsonl`);
  const text = formatDataset(res.body.items);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const state = before === text ? 'unchanged' : before === undefined ? 'created' : 'updated';
  if (state !== 'unchanged') {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, text);
  }
  console.log(`${display(path)}: ${state} (${res.body.items.length} items, hash ${res.body.hash.slice(0, 12)})`);
  return true;
}

async function pushOne(api: ApiClient, arg: string): Promise<void> {
  const path = resolveDatasetArg(arg);
  const name = path
    .split(/[\\/]/)
    .at(-1)!
    .replace(/\.jsonl$/, '');
  const ds = readDataset(path);
  if (ds.problems.length) {
    for (const p of ds.problems) console.error(problemLine(display(path), p));
    throw new CliError(`${display(path)} has problems; nothing was pushed`);
  }
  try {
    const res = await api.request<Summary>('PUT', `/datasets/${encodeURIComponent(name)}`, ds.text, { contentType: 'application/jsonl' });
    const s = res.body;
    console.log(
      `${name}: ${s.changed ? `version ${s.version}` : `unchanged (version ${s.version})`}, ${s.items} items, hash ${s.hash.slice(0, 12)}`,
    );
  } catch (err) {
    if (err instanceof ApiFailure && err.body.error?.issues)
      for (const p of err.body.error.issues) console.error(problemLine(display(path), { ...p, severity: 'error' }));
    throw err;
  }
}

interface FromRunsOptions extends RemoteOptions {
  runs?: string;
  flow?: string;
  thumbs?: string;
  corrected?: boolean;
  days?: string;
  status?: string;
  limit?: string;
  node?: string;
  tag?: string[];
  split?: string;
  pull?: boolean;
}

export function datasetRemoteCommands(dataset: Command): void {
  const pull = dataset
    .command('pull')
    .description("write datasets from a Weir worker into datasets/<name>.jsonl (canonical; the hash is the worker's)")
    .argument('[names...]', 'dataset names (default: every dataset on the worker)');
  addRemoteOptions(pull).action(async (names: string[], opts: RemoteOptions) => {
    const api = apiClient(opts);
    if (!names.length) {
      const list = await api.request<{ datasets: Summary[] }>('GET', '/datasets');
      if (!list.body.datasets.length) return console.log(`the worker at ${api.url} has no datasets`);
      names = list.body.datasets.map((d) => d.name);
    }
    for (const name of names) if (!(await pullOne(api, name))) throw new CliError(`the worker at ${api.url} has no dataset "${name}"`);
  });

  const push = dataset
    .command('push')
    .description('send datasets/<name>.jsonl to a Weir worker (checked here first; the worker keeps every version by hash)')
    .argument('[datasets...]', 'dataset names or .jsonl paths (default: every file in datasets/)');
  addRemoteOptions(push).action(async (args: string[], opts: RemoteOptions) => {
    const api = apiClient(opts);
    if (!args.length) {
      const dir = datasetsDir();
      args = existsSync(dir)
        ? readdirSync(dir)
            .filter((f) => f.endsWith('.jsonl'))
            .map((f) => join(dir, f))
        : [];
      if (!args.length) throw new CliError(`no datasets in ${display(dir)}`);
    }
    for (const arg of args) await pushOne(api, arg);
  });

  const fromRuns = dataset
    .command('from-runs')
    .description("add logged runs to a worker's dataset: the answer (or the feedback's correction) as expected; failed runs are refused")
    .argument('<name>', 'the dataset (created when new)')
    .option('--runs <ids>', 'run ids, comma separated')
    .option('--flow <id>', 'filter: runs of this flow')
    .option('--thumbs <up|down>', 'filter: runs whose newest thumbs feedback is this')
    .option('--corrected', 'filter: runs with a corrected answer')
    .option('--days <n>', 'filter: runs of the last n days')
    .option('--status <ok|failed>', 'filter: run status')
    .option('--limit <n>', 'filter: at most n runs (default 200)')
    .option('--node <id>', "node-level items: that node's messages and answer")
    .option('--tag <tag...>', 'tags for the new items')
    .option('--split <split>', 'train, validation or test for the new items')
    .option('--pull', 'then write the dataset to datasets/<name>.jsonl');
  addRemoteOptions(fromRuns).action(async (name: string, opts: FromRunsOptions) => {
    const filter = {
      ...(opts.flow ? { flow: opts.flow } : {}),
      ...(opts.thumbs ? { thumbs: opts.thumbs } : {}),
      ...(opts.corrected ? { corrected: true } : {}),
      ...(opts.days ? { days: Number(opts.days) } : {}),
      ...(opts.status ? { status: opts.status } : {}),
      ...(opts.limit ? { limit: Number(opts.limit) } : {}),
    };
    if (opts.runs && Object.keys(filter).length) throw usageError('give --runs or filters (--flow, --thumbs, --days, ...), not both');
    if (!opts.runs && !Object.keys(filter).length)
      throw usageError('give --runs <ids> or at least one filter (--flow, --thumbs, --days, ...)');
    const api = apiClient(opts);
    const body = {
      ...(opts.runs
        ? {
            runs: opts.runs
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          }
        : { filter }),
      ...(opts.node ? { nodeId: opts.node } : {}),
      ...(opts.tag?.length ? { tags: opts.tag } : {}),
      ...(opts.split ? { split: opts.split } : {}),
    };
    const res = await api.request<{
      dataset: Summary | null;
      matched: number;
      added: { id: string }[];
      present: { id: string }[];
      refused: { runId: string; reason: string }[];
    }>('POST', `/datasets/${encodeURIComponent(name)}/from-runs`, body);
    const a = res.body;
    console.log(
      `${name}: ${a.matched} run(s) matched, ${a.added.length} added, ${a.present.length} already there, ${a.refused.length} refused`,
    );
    for (const r of a.refused) console.log(`  refused ${r.runId}: ${r.reason}`);
    if (a.dataset) console.log(`  now ${a.dataset.items} items, version ${a.dataset.version}, hash ${a.dataset.hash.slice(0, 12)}`);
    if (opts.pull && a.dataset) await pullOne(api, name);
  });
}
