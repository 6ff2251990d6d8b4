// D1 rows of eval runs and cells, and how they read as the API's shapes.
import type { PreparedVariant } from '../evals/run-eval';
import type { FlowInfo } from '../runs/result';
import type { Cell, CellNode, EvalRunSource, EvalRunStatus, EvalRunSummary } from './types';

export interface EvalRunRow {
  id: string;
  eval_name: string;
  flow_id: string;
  definition: string;
  variants: string;
  item_ids: string;
  dataset_name: string;
  dataset_hash: string;
  dataset_split: string | null;
  repeats: number;
  concurrency: number;
  status: EvalRunStatus;
  done: number;
  total: number;
  source: EvalRunSource;
  label: string | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  report: string | null;
  report_key: string | null;
}

export interface CellRow {
  seq: number;
  item_id: string;
  variant: string;
  repeat: number;
  run_id: string | null;
  status: 'ok' | 'failed';
  pass: number;
  score: number;
  latency_ms: number;
  cost_usd: number | null;
  reasons: string;
  nodes: string;
  record: string;
}

/** A variant as it ran: the flow after overrides, and which stored flow version it came from. */
export interface RunVariant extends PreparedVariant {
  info: FlowInfo;
}

export const SUMMARY_COLUMNS =
  'id, eval_name, flow_id, dataset_name, dataset_hash, dataset_split, status, done, total, source, label, error, created_at, finished_at';

export const toSummary = (
  r: Pick<
    EvalRunRow,
    | 'id'
    | 'eval_name'
    | 'flow_id'
    | 'dataset_name'
    | 'dataset_hash'
    | 'dataset_split'
    | 'status'
    | 'done'
    | 'total'
    | 'source'
    | 'label'
    | 'error'
    | 'created_at'
    | 'finished_at'
  >,
): EvalRunSummary => ({
  id: r.id,
  eval: r.eval_name,
  flow: r.flow_id,
  dataset: { name: r.dataset_name, hash: r.dataset_hash, ...(r.dataset_split ? { split: r.dataset_split } : {}) },
  status: r.status,
  done: r.done,
  total: r.total,
  source: r.source,
  ...(r.label ? { label: r.label } : {}),
  ...(r.error ? { error: r.error } : {}),
  createdAt: new Date(r.created_at).toISOString(),
  ...(r.finished_at ? { finishedAt: new Date(r.finished_at).toISOString() } : {}),
});

export const toCell = (r: CellRow): Cell => ({
  itemId: r.item_id,
  variant: r.variant,
  repeat: r.repeat,
  pass: r.pass === 1,
  score: r.score,
  status: r.status,
  runId: r.run_id,
  latencyMs: r.latency_ms,
  costUsd: r.cost_usd,
  reasons: JSON.parse(r.reasons) as string[],
});

export const cellNodes = (r: Pick<CellRow, 'nodes'>): CellNode[] => JSON.parse(r.nodes) as CellNode[];
