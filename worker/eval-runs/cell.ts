// One recorded run as an eval cell: pass, score, latency, cost and reasons for the matrix, the
// nodes it went through for the canvas overlay, and the record (without trace and output, which
// the run log keeps) that the report is rebuilt from.
import { callCost, type PriceBook } from '../evals/price-book';
import { failureReasons } from '../evals/report';
import type { RunRecord } from '../evals/run-eval';
import type { CellInsert } from './run-store';
import type { CellNode } from './types';

export type StoredRecord = Omit<RunRecord, 'trace' | 'output' | 'prompts'>;

export function toCellInsert(record: RunRecord, runId: string | null, prices: PriceBook): CellInsert {
  const { trace, output: _output, prompts: _prompts, ...stored } = record;
  const nodes: CellNode[] = trace
    .filter((e) => e.status !== 'skipped')
    .map((e) => ({
      id: e.nodeId,
      status: e.status,
      ...(e.handle ? { handle: e.handle } : e.status === 'fell_back' ? { handle: 'fallback' } : {}),
      ...(e.durationMs !== undefined ? { ms: e.durationMs } : {}),
      ...(e.tokens && e.model ? { cost: callCost(prices, e.model, e.tokens) } : {}),
    }));
  return {
    itemId: record.itemId,
    variant: record.variant,
    repeat: record.repeat,
    runId,
    status: record.status,
    pass: record.pass,
    score: record.score,
    latencyMs: record.latencyMs,
    costUsd: record.costUsd,
    reasons: failureReasons([record]),
    nodes,
    record: stored satisfies StoredRecord,
  };
}

/** A stored record back as a RunRecord for buildReport (no trace: the report does not read it). */
export const fromStored = (json: string): RunRecord => ({ ...(JSON.parse(json) as StoredRecord), trace: [] });
