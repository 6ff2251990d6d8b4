// What a step of an eval run needs, read back from the run's row: the eval file and variant flows
// as they were when it started, the items (the dataset version with the recorded hash, in the
// recorded order), prices, and a model client capped per provider. Chunks split the items so
// each Workflow step runs about CHUNK_RUNS runs.
import type { DatasetItem } from '../datasets/schema';
import { createPriceBook, type PriceBook } from '../evals/price-book';
import type { EvalFile } from '../evals/schema';
import type { LlmClient } from '../engine/types';
import type { Bindings } from '../http/env';
import type { Stores } from '../http/stores';
import { providerRuntime } from '../runs/runtime';
import { cappedLlm, providerCaps } from './provider-cap';
import type { EvalRunRow, RunVariant } from './run-rows';

/** Runs per Workflow step (a restart re-does at most one step's unrecorded runs). */
export const CHUNK_RUNS = 120;
/** Steps per run at most (a Workflow instance has a step budget). */
export const MAX_CHUNKS = 400;

export interface RunContext {
  row: EvalRunRow;
  evalFile: EvalFile;
  variants: RunVariant[];
  items: DatasetItem[];
  allItems: DatasetItem[];
  prices: PriceBook;
  llm: LlmClient;
}

export function chunkSize(items: number, runsPerItem: number): number {
  return Math.max(1, Math.floor(CHUNK_RUNS / Math.max(1, runsPerItem)), Math.ceil(items / MAX_CHUNKS));
}

export async function loadRunContext(env: Bindings, stores: Stores, runId: string): Promise<RunContext> {
  const row = await stores.evalRuns.row(runId);
  if (!row) throw new Error(`no eval run ${runId}`);
  const dataset = await stores.datasets.get(row.dataset_name, row.dataset_hash);
  const byId = new Map(dataset.list.map((i) => [i.id, i]));
  const items = (JSON.parse(row.item_ids) as string[]).map((id) => {
    const item = byId.get(id);
    if (!item) throw new Error(`dataset ${row.dataset_name}@${row.dataset_hash.slice(0, 12)} has no item ${id}`);
    return item;
  });
  const evalFile = JSON.parse(row.definition) as EvalFile;
  return {
    row,
    evalFile,
    variants: JSON.parse(row.variants) as RunVariant[],
    items,
    allItems: dataset.list,
    prices: createPriceBook(evalFile.prices),
    llm: cappedLlm(providerRuntime(env).client, providerCaps(env.EVAL_PROVIDER_CONCURRENCY)),
  };
}
