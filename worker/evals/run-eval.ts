// Runs an eval: every variant on every item, `repeats` times, at most `concurrency` runs at a
// time, through the engine's runFlow (or one model call for node-level items). Each run is
// checked against the eval's and the item's assertions and costed from the price book. Nothing
// here knows where the flows, datasets or providers come from: the CLI and the worker pass them.
import { prepareFlow, runFlow } from '../engine/run';
import type { Flow } from '../engine/schema';
import type { LlmClient, PromptResolver, RunLimits, RunResult } from '../engine/types';
import type { DatasetItem } from '../datasets/schema';
import { evaluateAssertion, pairwiseCheck, scoreItem, type AssertionResult, type Judge } from './assertions';
import { outputText } from './assertions/context';
import { runNodeItem } from './node-item';
import { runPool } from './pool';
import { callCost, type PriceBook } from './price-book';
import type { EvalFile } from './schema';

export interface PreparedVariant {
  name: string;
  description?: string;
  flow: Flow;
  /** Label or version the flow came from, for the report. */
  ref: string;
  systemOverrides?: Record<string, string | null>;
}

export interface RunRecord {
  variant: string;
  itemId: string;
  repeat: number;
  status: 'ok' | 'failed';
  output?: unknown;
  error?: { code: string; message: string; nodeId?: string };
  trace: RunResult['trace'];
  usage: RunResult['usage'];
  /** The prompt versions the run resolved (the run log records them). */
  prompts?: RunResult['prompts'];
  outputNodeId?: string;
  latencyMs: number;
  ttftMs?: number;
  costUsd: number | null;
  fellBack: boolean;
  assertions: AssertionResult[];
  pass: boolean;
  score: number;
}

export interface PairwiseRecord {
  a: string;
  b: string;
  itemId: string;
  /** null: not judged (the echo judge, or the judge failed: see error). */
  winner: 'a' | 'b' | 'tie' | null;
  orders: [string, string];
  error?: string;
}

export interface EvalRun {
  records: RunRecord[];
  pairwise: PairwiseRecord[];
  judgeCostUsd: number | null;
  durationMs: number;
}

export interface EvalRunOptions {
  evalFile: EvalFile;
  items: readonly DatasetItem[];
  variants: readonly PreparedVariant[];
  llm: LlmClient;
  prompts: PromptResolver;
  prices: PriceBook;
  /** The judge's client; the flows' client by default. */
  judgeLlm?: LlmClient;
  repeats?: number;
  concurrency?: number;
  limits?: Partial<RunLimits>;
  signal?: AbortSignal;
  now?: () => number;
  onRecord?: (record: RunRecord, done: number, total: number) => void;
  /** Runs to leave out (already recorded elsewhere: a resumed worker eval run). */
  skip?: (variant: string, itemId: string, repeat: number) => boolean;
}

/** Cost of a run's model calls; null when any call's model has no price. */
export function runCost(prices: PriceBook, trace: RunResult['trace']): number | null {
  let total = 0;
  for (const e of trace) {
    if (!e.tokens || !e.model) continue;
    const c = callCost(prices, e.model, e.tokens);
    if (c === null) return null;
    total += c;
  }
  return total;
}

export async function runEval(opts: EvalRunOptions): Promise<EvalRun> {
  const now = opts.now ?? (() => Date.now());
  const t0 = now();
  const repeats = opts.repeats ?? opts.evalFile.repeats ?? 1;
  const signal = opts.signal ?? new AbortController().signal;
  const judge: Judge | undefined = opts.evalFile.judge ? { llm: opts.judgeLlm ?? opts.llm, config: opts.evalFile.judge, signal } : undefined;
  const limits = { ...opts.evalFile.limits, ...opts.limits };
  for (const v of opts.variants) prepareFlow(v.flow); // invalid variants fail here, before any call
  let judgeCost: number | null = 0;
  const addJudge = (usage?: { model: string; inputTokens: number; outputTokens: number }) => {
    if (!usage || judgeCost === null) return;
    const c = callCost(opts.prices, usage.model, usage);
    judgeCost = c === null ? null : judgeCost + c;
  };

  const tasks: (() => Promise<RunRecord>)[] = [];
  for (const item of opts.items)
    for (let repeat = 0; repeat < repeats; repeat++)
      for (const variant of opts.variants) if (!opts.skip?.(variant.name, item.id, repeat)) tasks.push(() => runOne(variant, item, repeat));
  let done = 0;

  async function runOne(variant: PreparedVariant, item: DatasetItem, repeat: number): Promise<RunRecord> {
    const start = now();
    let ttftMs: number | undefined;
    let result: RunResult;
    try {
      if (item.messages) {
        const nodeId = item.node ?? '';
        result = await runNodeItem(variant.flow, item, nodeId, {
          llm: opts.llm,
          prompts: opts.prompts,
          signal,
          now,
          systemOverride: variant.systemOverrides?.[nodeId],
        });
      } else {
        result = await runFlow(variant.flow, item.input ?? {}, {
          llm: opts.llm,
          prompts: opts.prompts,
          signal,
          limits,
          now,
          onEvent: (e) => {
            if (e.type === 'token' && ttftMs === undefined) ttftMs = now() - start;
          },
        });
      }
    } catch (err) {
      const e = err as { code?: string; message?: string };
      result = {
        status: 'failed',
        trace: [],
        usage: { inputTokens: 0, outputTokens: 0, calls: 0 },
        prompts: [],
        error: { code: e.code ?? 'error', message: e.message ?? String(err) },
        durationMs: now() - start,
      };
    }
    const latencyMs = now() - start;
    const costUsd = runCost(opts.prices, result.trace);
    const obs = {
      input: item.input ?? {},
      expected: item.expected,
      output: result.output,
      status: result.status,
      error: result.error,
      trace: result.trace,
      usage: result.usage,
      latencyMs,
      costUsd,
    };
    const assertions: AssertionResult[] = [];
    for (const a of [...(opts.evalFile.assert ?? []), ...(item.assert ?? [])]) {
      const r = await evaluateAssertion(a, obs, judge);
      addJudge(r.judgeUsage);
      assertions.push(r);
    }
    const { pass, score } = scoreItem(assertions, result.status === 'ok', opts.evalFile.threshold);
    const record: RunRecord = {
      variant: variant.name,
      itemId: item.id,
      repeat,
      status: result.status,
      ...(result.status === 'ok' ? { output: result.output } : { error: result.error }),
      trace: result.trace,
      usage: result.usage,
      prompts: result.prompts,
      ...(result.outputNodeId ? { outputNodeId: result.outputNodeId } : {}),
      latencyMs,
      ...(ttftMs !== undefined ? { ttftMs } : {}),
      costUsd,
      fellBack: result.trace.some((e) => e.status === 'fell_back'),
      assertions,
      pass,
      score,
    };
    opts.onRecord?.(record, ++done, tasks.length);
    return record;
  }

  const records = await runPool(tasks, opts.concurrency ?? opts.evalFile.concurrency ?? 4, signal);
  const pairwise = await runPairwise(opts, records, judge, addJudge, signal);
  return { records, pairwise, judgeCostUsd: judgeCost, durationMs: now() - t0 };
}

async function runPairwise(
  opts: EvalRunOptions,
  records: RunRecord[],
  judge: Judge | undefined,
  addJudge: (u: { model: string; inputTokens: number; outputTokens: number }) => void,
  signal: AbortSignal,
): Promise<PairwiseRecord[]> {
  const pairs = opts.evalFile.pairwise ?? [];
  if (!judge || pairs.length === 0) return [];
  const first = new Map(records.filter((r) => r.repeat === 0).map((r) => [`${r.variant}\u0000${r.itemId}`, r]));
  const tasks: (() => Promise<PairwiseRecord>)[] = [];
  for (const pair of pairs)
    for (const item of opts.items) {
      const a = first.get(`${pair.a}\u0000${item.id}`);
      const b = first.get(`${pair.b}\u0000${item.id}`);
      if (!a || !b) continue;
      tasks.push(async () => {
        // A failed run loses to one that answered; two failures are a tie.
        if (a.status !== 'ok' || b.status !== 'ok') {
          const winner = a.status === b.status ? 'tie' : a.status === 'ok' ? 'a' : 'b';
          return { a: pair.a, b: pair.b, itemId: item.id, winner, orders: ['-', '-'] };
        }
        const question = item.messages ? outputText(item.messages[item.messages.length - 1]?.content) : outputText(item.input);
        try {
          const v = await pairwiseCheck(judge, question, pair.rubric, outputText(a.output), outputText(b.output));
          v.usage.forEach(addJudge);
          return { a: pair.a, b: pair.b, itemId: item.id, winner: v.winner, orders: v.orders };
        } catch (err) {
          return { a: pair.a, b: pair.b, itemId: item.id, winner: null, orders: ['-', '-'], error: (err as Error).message };
        }
      });
    }
  return runPool(tasks, opts.concurrency ?? opts.evalFile.concurrency ?? 4, signal);
}
