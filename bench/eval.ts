// Eval benchmark: 1,000 items × 3 variants of support-x1000 against the fake provider at zero
// latency, through what `weir eval run` does (runEval + buildReport: assertions, costs,
// statistics), as a ratio to the same number of raw runFlow calls in the same process with the
// same client and concurrency. Also times the CLI end to end as a child process, and the same
// eval as an eval run in wrangler dev (bench/eval-worker.ts). Run once:
//   npx tsx bench/eval.ts [items]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { filePromptResolver } from '../cli/lib/prompt-resolver';
import { parseDataset, formatDataset, type DatasetItem } from '../worker/datasets';
import { parseFlow, runFlow, type Flow } from '../worker/engine';
import { applyOverrides, buildReport, createPriceBook, evalSchema, runEval, runPool, type PreparedVariant } from '../worker/evals';
import { createLlmClient, providerConfigFromEnv } from '../worker/providers';
import { startFakeOpenAI } from '../test/helpers/fake-openai';
import { timeWorkerEval } from './eval-worker';

const root = join(import.meta.dirname, '..');
const n = Number(process.argv[2] ?? 1000);
const fake = await startFakeOpenAI();
const env = { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: fake.url };
const llm = createLlmClient(providerConfigFromEnv(env), { retry: { attempts: 1 } });
const prompts = filePromptResolver(join(root, 'flows', 'prompts'));
const flow = parseFlow(readFileSync(join(root, 'flows', 'support-x1000.json'), 'utf8')).flow as Flow;
const source = parseDataset(readFileSync(join(root, 'datasets', 'support-x1000.jsonl'), 'utf8')).items;
const items: DatasetItem[] = Array.from({ length: n }, (_, i) => ({ ...source[i % source.length], id: `item-${i}`, split: 'test' }));
// The runner's own work only: the judge's factuality check would double the model calls.
const file = evalSchema.parse(JSON.parse(readFileSync(join(root, 'evals', 'support-x1000.eval.json'), 'utf8')));
file.assert = [];
file.judge = undefined;
const variants: PreparedVariant[] = file.variants.map((v) => ({
  name: v.name,
  ref: '@draft',
  flow: applyOverrides(flow, v.overrides).flow,
}));
const prices = createPriceBook(file.prices);
const concurrency = file.concurrency ?? 4;

async function raw(): Promise<number> {
  const t0 = performance.now();
  const tasks = items.flatMap((item) => variants.map((v) => () => runFlow(v.flow, item.input ?? {}, { llm, prompts })));
  await runPool(tasks, concurrency);
  return performance.now() - t0;
}

async function evalRun(): Promise<number> {
  const t0 = performance.now();
  const run = await runEval({ evalFile: file, items, variants, llm, prompts, prices });
  buildReport({ evalFile: file, datasetHash: '', items, variants, run, repeats: 1, prices, datasetTrainTokens: 0, today: '2026-12-01' });
  return performance.now() - t0;
}

await raw(); // warm-up: JIT, connections, prompt files
const rawMs = await raw();
const evalMs = await evalRun();
console.log(`in process: raw ${Math.round(rawMs)} ms, eval ${Math.round(evalMs)} ms`);

// The CLI end to end (a fresh Node process: start-up, loading, the run, the report, the results file).
const dir = mkdtempSync(join(tmpdir(), 'weir-bench-eval-'));
for (const d of ['flows', 'datasets', 'evals'])
  cpSync(join(root, d), join(dir, d), { recursive: true, filter: (p) => !p.includes('results') });
writeFileSync(join(dir, 'datasets', 'support-x1000.jsonl'), formatDataset(items));
writeFileSync(join(dir, 'evals', 'bench.eval.json'), JSON.stringify({ ...file, $schema: undefined }));
const t0 = performance.now();
// Asynchronously: the fake provider answers from this process's event loop.
await promisify(execFile)(process.execPath, [join(root, 'cli', 'weir.js'), 'eval', 'run', 'evals/bench.eval.json', '--format', 'json'], {
  cwd: dir,
  env: { ...process.env, ...env, NO_COLOR: '1' },
  maxBuffer: 512 * 1024 * 1024,
});
const cliMs = performance.now() - t0;

// The same eval in the worker: an eval run (Workflow, run log, cells, report) in wrangler dev.
const worker = await timeWorkerEval({ items, file, fakeUrl: fake.url });
if (worker.status !== 'done' || worker.done !== n * variants.length)
  throw new Error(`the worker's eval run ended ${worker.status} with ${worker.done} runs`);
await fake.close();

const runs = n * variants.length;
const result = {
  items: n,
  variants: variants.length,
  runs,
  concurrency,
  rawEngineMs: Math.round(rawMs),
  evalInProcessMs: Math.round(evalMs),
  ratio: Number((evalMs / rawMs).toFixed(2)),
  cliEndToEndMs: Math.round(cliMs),
  workerEvalRunMs: Math.round(worker.ms),
  workerRatio: Number((worker.ms / rawMs).toFixed(2)),
  date: new Date().toISOString(),
  node: process.version,
  /** The machine's 1-minute load average when the run ended: absolute times mean little on a busy machine. */
  loadAverage: Number(loadavg()[0].toFixed(1)),
};
console.log(
  `Eval: ${n} items × ${variants.length} variants = ${runs} runs against the fake provider (zero latency, concurrency ${concurrency})`,
);
console.log(`  raw runFlow calls         ${(rawMs / 1000).toFixed(2)} s`);
console.log(`  runEval + report          ${(evalMs / 1000).toFixed(2)} s   (${result.ratio}x raw)`);
console.log(`  weir eval run (CLI, cold) ${(cliMs / 1000).toFixed(2)} s`);
console.log(`  eval run in wrangler dev  ${(worker.ms / 1000).toFixed(2)} s   (${result.workerRatio}x raw; target under 60 s)`);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'eval.json'), JSON.stringify(result, null, 2) + '\n');
console.log(`wrote bench/results/eval.json`);
