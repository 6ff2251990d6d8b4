// One Workflow step of an eval run: the chunk's items on every variant and repeat, through the
// engine's runEval. Cells already recorded (a retried or resumed step) are not run again. Each
// finished run goes to the run log (source `eval`), and its cell to D1 in small batches as it
// goes; between batches the run's status is read, and a cancelled run stops its runs at once.
import type { Bindings } from '../http/env';
import type { Stores } from '../http/stores';
import { runEval, type RunRecord } from '../evals/run-eval';
import { limitsFromEnv } from '../runs/runtime';
import { toCellInsert } from './cell';
import type { RunContext } from './context';
import { logEvalRun } from './run-log';
import { cellKey, type CellInsert } from './run-store';

const FLUSH_CELLS = 50;
const FLUSH_MS = 250;
/** While runs are slow (nothing to flush), the cancelled flag is still read this often. */
const CANCEL_CHECK_MS = 1000;

export async function runChunk(
  env: Bindings,
  stores: Stores,
  ctx: RunContext,
  chunk: number,
  itemsPerChunk: number,
): Promise<{ cancelled: boolean }> {
  const { row } = ctx;
  const items = ctx.items.slice(chunk * itemsPerChunk, (chunk + 1) * itemsPerChunk);
  const recorded = await stores.evalRuns.recordedKeys(
    row.id,
    items.map((i) => i.id),
  );
  const controller = new AbortController();
  let cancelled = false;
  let buffer: CellInsert[] = [];
  let lastFlush = Date.now();
  let flushing = Promise.resolve();
  const flush = () => {
    const cells = buffer;
    buffer = [];
    lastFlush = Date.now();
    flushing = flushing.then(async () => {
      if (cells.length) await stores.evalRuns.addCells(row.id, cells);
      if ((await stores.evalRuns.status(row.id)) === 'cancelled') {
        cancelled = true;
        controller.abort(new Error('the eval run was cancelled'));
      }
    });
    return flushing;
  };
  const byVariant = new Map(ctx.variants.map((v) => [v.name, v]));
  const byItem = new Map(items.map((i) => [i.id, i]));
  const logged: Promise<void>[] = [];
  const onRecord = (record: RunRecord) => {
    if (controller.signal.aborted) return; // a run the cancellation cut short is not a result
    const startedAt = Date.now() - record.latencyMs;
    logged.push(
      logEvalRun(stores, byVariant.get(record.variant)!, byItem.get(record.itemId)!, record, startedAt).then((runId) => {
        buffer.push(toCellInsert(record, runId, ctx.prices));
        if (buffer.length >= FLUSH_CELLS || Date.now() - lastFlush >= FLUSH_MS) void flush();
      }),
    );
  };
  let result: Awaited<ReturnType<typeof runEval>> | undefined;
  const watch = setInterval(() => {
    if (Date.now() - lastFlush >= CANCEL_CHECK_MS) void flush();
  }, CANCEL_CHECK_MS);
  try {
    result = await runEval({
      evalFile: ctx.evalFile,
      items,
      variants: ctx.variants,
      llm: ctx.llm,
      prompts: stores.prompts,
      prices: ctx.prices,
      repeats: row.repeats,
      concurrency: row.concurrency,
      limits: { ...limitsFromEnv(env), ...ctx.evalFile.limits },
      signal: controller.signal,
      skip: (variant, itemId, repeat) => recorded.has(cellKey(variant, itemId, repeat)),
      onRecord,
    });
  } catch (err) {
    if (!cancelled) throw err;
  } finally {
    clearInterval(watch);
  }
  await Promise.all(logged);
  await flush();
  if (cancelled) return { cancelled };
  if (result) await stores.evalRuns.putChunk(row.id, chunk, result.pairwise, result.judgeCostUsd);
  return { cancelled: false };
}
