// The end of an eval run: its report, built by the same buildReport as the CLI's, from the cells'
// records and the chunks' pairwise verdicts.
import { exportDataset } from '../datasets/export';
import { buildReport, type EvalReport } from '../evals/report';
import type { Stores } from '../http/stores';
import { fromStored } from './cell';
import type { RunContext } from './context';

export async function evalRunReport(stores: Stores, ctx: RunContext, today = new Date().toISOString().slice(0, 10)): Promise<EvalReport> {
  const { row } = ctx;
  const cells = await stores.evalRuns.cells(row.id, { withRecord: true });
  const chunks = await stores.evalRuns.chunks(row.id);
  const judgeCosts = chunks.map((c) => c.judgeCostUsd);
  const run = {
    records: cells.map((c) => fromStored(c.record)),
    pairwise: chunks.flatMap((c) => c.pairwise),
    judgeCostUsd: judgeCosts.some((c) => c === null) ? null : judgeCosts.reduce((s: number, c) => s + (c ?? 0), 0),
    durationMs: Date.now() - (row.started_at ?? row.created_at),
  };
  return buildReport({
    evalFile: ctx.evalFile,
    file: `eval:${row.eval_name}`,
    datasetHash: row.dataset_hash,
    items: ctx.items,
    variants: ctx.variants,
    run,
    repeats: row.repeats,
    prices: ctx.prices,
    datasetTrainTokens: exportDataset(ctx.allItems, { format: 'openai-chat' }).tokens.train,
    today,
  });
}
