// `weir eval run <file>`: runs an eval locally in Node on the worker's engine, with echo or the
// configured providers (environment, then .dev.vars), prompts from flows/prompts/. Prints the
// report as a table, JSON, Markdown or JUnit, writes the results file, and exits 1 when a
// variant's pass rate is under --fail-under (or the eval's passRate).
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseFlow, type Flow } from '../../worker/engine';
import { exportDataset } from '../../worker/datasets';
import { buildReport, createPriceBook, runEval } from '../../worker/evals';
import { createLlmClient, describeProviders, providerConfigFromEnv } from '../../worker/providers';
import { runRemoteEval } from './eval-remote';
import { addRemoteOptions, apiClient, type RemoteOptions } from '../lib/api';
import { evalsDir } from '../lib/dataset-files';
import { CliError, usageError } from '../lib/errors';
import { EVAL_FORMATS, emitReport, parseFailUnder } from '../lib/eval-output';
import { loadEval, type VersionFetcher } from '../lib/eval-load';
import { display, findFlowsDir } from '../lib/files';
import { problemLine } from '../lib/problems';
import { filePromptResolver } from '../lib/prompt-resolver';
import { providerEnv } from '../lib/provider-env';

interface EvalRunOptions extends RemoteOptions {
  failUnder?: string;
  format: string;
  out?: string;
  results: string | boolean;
  repeats?: string;
  concurrency?: string;
  variant?: string[];
  limit?: string;
  today?: string;
  remote?: boolean;
}

const FORMATS = EVAL_FORMATS;

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw usageError(`${flag} is a whole number from 1`);
  return n;
}

function remoteFetcher(opts: RemoteOptions): VersionFetcher {
  return async (flowId, pin) => {
    const api = apiClient(opts);
    let version = pin;
    if (!/^[0-9]+$/.test(pin)) {
      const list = await api.request<{ labels?: Record<string, number>; latest?: number }>('GET', `/flows/${flowId}/versions`);
      const n = pin === 'latest' ? list.body.latest : list.body.labels?.[pin];
      if (n === undefined) throw new Error(`flow "${flowId}" has no label "${pin}" on ${api.url}`);
      version = String(n);
    }
    const got = await api.request<{ flow: unknown }>('GET', `/flows/${flowId}/versions/${version}`);
    const parsed = parseFlow(got.body.flow);
    if (!parsed.flow) throw new Error(`${flowId}@${pin} from ${api.url} is not a valid flow`);
    return parsed.flow as Flow;
  };
}

export function evalCommand(program: Command): void {
  const evalCmd = program.command('eval').description('run evaluations (evals/<name>.eval.json)');
  const run = evalCmd
    .command('run')
    .description('run an eval locally: every variant on every item, with statistics and the technique comparison')
    .argument('<file>', 'an eval file, or a name in evals/')
    .option('--fail-under <rate>', "exit 1 when a variant's pass rate is below this (0-1 or a percentage); default: the eval's passRate")
    .option('--format <format>', FORMATS.join(' | '), 'table')
    .option('--out <path>', 'write the report (in --format) to this file instead of stdout')
    .option('--results <path>', 'the results file: report and every run as JSON (default: evals/results/<name>.json)')
    .option('--no-results', 'do not write a results file')
    .option('--repeats <n>', 'runs per item and variant (default: the eval file, else 1)')
    .option('--concurrency <n>', 'runs at a time (default: the eval file, else 4)')
    .option('--variant <name...>', 'only these variants')
    .option('--limit <n>', 'only the first n items')
    .option('--today <date>', 'the date for the retirement check (default: today)')
    .option('--remote', "run it in the worker (--url) as a Workflow, with live progress; a bare name is the worker's stored eval");
  addRemoteOptions(run).addHelpText(
    'after',
    `
Variants pinned to a published version (@3, @production) are read from a worker (--url).
Providers come from the environment or .dev.vars: OPENAI_API_KEY (+ OPENAI_BASE_URL) or PROVIDERS;
without them the offline echo provider answers (and model-graded checks are marked not graded).

Examples:
  weir eval run evals/support-x1000.eval.json
  weir eval run support-x1000 --format md > eval.md
  weir eval run email-announcement --fail-under 0.8 --format junit --out results.xml
  weir eval run support-x1000 --remote --url http://127.0.0.1:8787`,
  );
  run.action(async (fileArg: string, opts: EvalRunOptions) => {
    if (!FORMATS.includes(opts.format)) throw usageError(`--format is one of ${FORMATS.join(', ')}`);
    const failUnder = parseFailUnder(opts.failUnder);
    const repeats = positiveInt(opts.repeats, '--repeats');
    const concurrency = positiveInt(opts.concurrency, '--concurrency');
    const limit = positiveInt(opts.limit, '--limit');
    if (opts.remote) {
      if (opts.variant?.length || opts.today) throw usageError('--variant and --today only work for local runs');
      return runRemoteEval(fileArg, { ...opts, repeats, concurrency, limit, failUnder });
    }
    const path = /^[a-z0-9][a-z0-9_-]*$/.test(fileArg) ? join(evalsDir(), `${fileArg}.eval.json`) : resolve(fileArg);
    const wantsRemote = opts.url !== undefined || process.env.WEIR_URL !== undefined;
    const loaded = await loadEval(path, { fetchVersion: wantsRemote ? remoteFetcher(opts) : undefined, onlyVariants: opts.variant });
    const errors = loaded.problems.filter((p) => p.severity === 'error' || p.code === 'needs_worker');
    for (const p of loaded.problems) console.error(problemLine(display(path), p));
    if (errors.length || !loaded.evalFile) throw new CliError(`${display(path)} cannot run; nothing ran`);
    const evalFile = loaded.evalFile;
    const items = limit ? loaded.items.slice(0, limit) : loaded.items;

    const config = providerConfigFromEnv(providerEnv());
    const llm = createLlmClient(config);
    const prices = createPriceBook(evalFile.prices);
    const providers = describeProviders(config)
      .map((p) => `${p.name}: ${p.type}`)
      .join(', ');
    const total = items.length * loaded.variants.length * (repeats ?? evalFile.repeats ?? 1);
    const progress = process.stderr.isTTY && opts.format === 'table';
    console.error(
      `running ${evalFile.name ?? basename(path)}: ${loaded.variants.length} variant(s) × ${items.length} item(s) = ${total} run(s) (providers: ${providers})`,
    );
    const result = await runEval({
      evalFile,
      items,
      variants: loaded.variants,
      llm,
      prompts: filePromptResolver(join(findFlowsDir(dirname(path)), 'prompts')),
      prices,
      repeats,
      concurrency,
      onRecord: progress ? (_r, done, all) => process.stderr.write(`\r${done}/${all}`) : undefined,
    });
    if (progress) process.stderr.write('\r\x1b[K');
    const trainTokens = exportDataset(loaded.allItems, { format: 'openai-chat' }).tokens.train;
    const report = buildReport({
      evalFile,
      file: display(path),
      datasetHash: loaded.hash ?? '',
      items,
      variants: loaded.variants,
      run: result,
      repeats: repeats ?? evalFile.repeats ?? 1,
      prices,
      datasetTrainTokens: trainTokens,
      today: opts.today ?? new Date().toISOString().slice(0, 10),
    });
    const resultsPath =
      opts.results === false
        ? undefined
        : typeof opts.results === 'string'
          ? resolve(opts.results)
          : join(evalsDir(), 'results', `${basename(path).replace(/\.eval\.json$|\.json$/, '')}.json`);
    const runs = result.records.map((r) => ({ ...r, trace: r.trace.map(({ messages: _m, ...e }) => e) }));
    emitReport(report, {
      format: opts.format,
      out: opts.out,
      results: resultsPath ? { path: resultsPath, content: { report, runs } } : undefined,
      failUnder,
      passRate: evalFile.passRate,
    });
  });
}
