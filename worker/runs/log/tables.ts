// The run log's D1 tables as kysely types (migrations/0002_runs.sql), and a query builder over
// WEIR_DB. Reads run through kysely; writes are compiled by kysely and sent as one D1 batch.
import { Kysely } from 'kysely';
import { d1Dialect } from '../../store/d1-dialect';

export interface RunsTable {
  id: string;
  created_at: number;
  day: string;
  source: string;
  key_id: string | null;
  flow_id: string;
  flow_version: string;
  flow_hash: string;
  flow_ref: string | null;
  flow_label: string | null;
  prompts: string;
  status: 'ok' | 'failed';
  error_code: string | null;
  error_node: string | null;
  error_message: string | null;
  duration_ms: number;
  first_token_ms: number | null;
  calls: number;
  input_tokens: number;
  cached_input_tokens: number | null;
  output_tokens: number;
  reasoning_tokens: number | null;
  cost_usd: number | null;
  input_text: string;
  output_text: string | null;
  payload: string | null;
  payload_key: string | null;
  redacted: number;
  experiment_id: string | null;
  experiment_arm: string | null;
}

export interface RunNodesTable {
  run_id: string;
  node_id: string;
  flow_id: string;
  created_at: number;
  type: string;
  status: string;
  handle: string | null;
  provider: string | null;
  model: string | null;
  base_model: string | null;
  prompt: string | null;
  input_tokens: number | null;
  cached_input_tokens: number | null;
  output_tokens: number | null;
  reasoning_tokens: number | null;
  cost_usd: number | null;
  attempts: number | null;
  start_ms: number | null;
  duration_ms: number | null;
  error_code: string | null;
  error_message: string | null;
}

export interface RunScoresTable {
  id: string;
  run_id: string;
  created_at: number;
  name: string;
  value: number | null;
  text: string | null;
  source: string;
  key_id: string | null;
}

export interface RunLogDb {
  runs: RunsTable;
  run_nodes: RunNodesTable;
  run_scores: RunScoresTable;
}

const builders = new WeakMap<D1Database, Kysely<RunLogDb>>();

/** One kysely instance per D1 binding (per isolate). */
export function runLogDb(db: D1Database): Kysely<RunLogDb> {
  let k = builders.get(db);
  if (!k) builders.set(db, (k = new Kysely<RunLogDb>({ dialect: d1Dialect(db) })));
  return k;
}

// The columns the run log writes, one list for the writer and the readers.
export const RUN_COLUMNS = [
  'id',
  'created_at',
  'day',
  'source',
  'key_id',
  'flow_id',
  'flow_version',
  'flow_hash',
  'flow_ref',
  'flow_label',
  'prompts',
  'status',
  'error_code',
  'error_node',
  'error_message',
  'duration_ms',
  'first_token_ms',
  'calls',
  'input_tokens',
  'cached_input_tokens',
  'output_tokens',
  'reasoning_tokens',
  'cost_usd',
  'input_text',
  'output_text',
  'payload',
  'payload_key',
  'redacted',
  'experiment_id',
  'experiment_arm',
] as const satisfies readonly (keyof RunsTable)[];
export const NODE_COLUMNS = [
  'run_id',
  'node_id',
  'flow_id',
  'created_at',
  'type',
  'status',
  'handle',
  'provider',
  'model',
  'base_model',
  'prompt',
  'input_tokens',
  'cached_input_tokens',
  'output_tokens',
  'reasoning_tokens',
  'cost_usd',
  'attempts',
  'start_ms',
  'duration_ms',
  'error_code',
  'error_message',
] as const satisfies readonly (keyof RunNodesTable)[];
/** What a run listing shows: every column but the payload, which only a run's detail reads. */
export const RUN_SUMMARY_COLUMNS = RUN_COLUMNS.filter(
  (c): c is Exclude<(typeof RUN_COLUMNS)[number], 'payload' | 'payload_key'> => c !== 'payload' && c !== 'payload_key',
);
