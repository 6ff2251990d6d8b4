// Recording one run, after the answer (executeRun hands this to waitUntil): applies RUN_LOG and
// redaction, prices every model call, writes the run row and one row per node that ran (in one
// D1 batch with the runs recorded at the same moment, write-batcher.ts), and puts a large
// payload (input, output, full trace) in R2 first, so a row never points at nothing.
import type { TraceEntry } from '../../engine';
import { modelCost, sumCosts } from '../../costs/cost';
import type { Bindings } from '../../http/env';
import type { RunRequest, RunResult } from '../result';
import type { StoredTraceEntry } from './api-types';
import { redactor } from './redact';
import { logSettings, shouldRecord } from './settings';
import { NODE_COLUMNS, RUN_COLUMNS, type RunNodesTable, type RunsTable } from './tables';
import { queueWrites } from './write-batcher';

/** Payloads up to this size stay in the row; larger ones go to R2. */
export const INLINE_PAYLOAD_BYTES = 16 * 1024;
const PREVIEW_CHARS = 2000;

export interface RunPayload {
  input: Record<string, unknown>;
  output?: unknown;
  trace: StoredTraceEntry[];
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? null));
const cut = (text: string) => (text.length > PREVIEW_CHARS ? text.slice(0, PREVIEW_CHARS) : text);
const sumOf = (entries: TraceEntry[], pick: (e: TraceEntry) => number | undefined): number | null => {
  const values = entries.map(pick).filter((v): v is number => typeof v === 'number');
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
};

export const payloadKey = (day: string, runId: string) => `runs/${day}/${runId}.json`;

export async function recordRun(env: Bindings, req: RunRequest, result: RunResult, startedAt: Date): Promise<boolean> {
  const settings = logSettings(env);
  if (!shouldRecord(settings.mode, result.status === 'failed')) return false;
  const red = redactor(settings.redact, req.input);
  const trace: StoredTraceEntry[] = red
    .value(result.trace)
    .map((e) => (e.tokens && e.model ? { ...e, costUsd: modelCost(e.model, e.tokens) } : e));
  const priced = trace.filter((e) => e.tokens);
  const output = result.status === 'ok' ? red.value(result.output) : undefined;
  const payload: RunPayload = { input: red.input(req.input), ...(result.status === 'ok' ? { output } : {}), trace };
  const payloadText = JSON.stringify(payload);
  const day = startedAt.toISOString().slice(0, 10);
  const createdAt = startedAt.getTime();
  const large = new TextEncoder().encode(payloadText).byteLength > INLINE_PAYLOAD_BYTES;
  const key = large ? payloadKey(day, result.runId) : null;
  if (key) await env.WEIR_BLOBS.put(key, payloadText, { httpMetadata: { contentType: 'application/json' } });

  const error = result.status === 'failed' ? result.error : undefined;
  const run: RunsTable = {
    id: result.runId,
    created_at: createdAt,
    day,
    source: req.source,
    key_id: req.who.keyId ?? null,
    flow_id: result.flow.id,
    flow_version: String(result.flow.version),
    flow_hash: result.flow.hash,
    flow_ref: req.ref ?? null,
    flow_label: result.flow.label ?? null,
    prompts: JSON.stringify(result.prompts),
    status: result.status,
    error_code: error?.code ?? null,
    error_node: error?.nodeId ?? null,
    error_message: error ? red.value(error.message) : null,
    duration_ms: Math.round(result.durationMs),
    first_token_ms: result.firstTokenMs ?? null,
    calls: result.usage.calls,
    input_tokens: result.usage.inputTokens,
    cached_input_tokens: sumOf(trace, (e) => e.tokens?.cachedInputTokens),
    output_tokens: result.usage.outputTokens,
    reasoning_tokens: sumOf(trace, (e) => e.tokens?.reasoningTokens),
    cost_usd: sumCosts(priced.map((e) => e.costUsd ?? null)),
    input_text: cut(JSON.stringify(payload.input)),
    output_text: result.status === 'ok' ? cut(textOf(output)) : null,
    payload: key ? null : payloadText,
    payload_key: key,
    redacted: settings.redact.length ? 1 : 0,
    experiment_id: req.experiment?.id ?? null,
    experiment_arm: req.experiment?.arm ?? null,
  };
  const nodes: RunNodesTable[] = trace
    .filter((e) => e.status !== 'skipped')
    .map((e) => ({
      run_id: result.runId,
      node_id: e.nodeId,
      flow_id: result.flow.id,
      created_at: createdAt,
      type: e.type,
      status: e.status,
      handle: e.handle ?? (e.status === 'fell_back' ? 'fallback' : null),
      provider: e.provider ?? null,
      model: e.model ?? null,
      base_model: e.baseModel ?? null,
      prompt: e.prompt ? `${e.prompt.name}@${e.prompt.version}` : null,
      input_tokens: e.tokens?.inputTokens ?? null,
      cached_input_tokens: e.tokens?.cachedInputTokens ?? null,
      output_tokens: e.tokens?.outputTokens ?? null,
      reasoning_tokens: e.tokens?.reasoningTokens ?? null,
      cost_usd: e.costUsd ?? null,
      attempts: e.attempts ?? null,
      start_ms: e.startMs ?? null,
      duration_ms: e.durationMs ?? null,
      error_code: e.error?.code ?? null,
      error_message: e.error?.message ?? null,
    }));
  const d1 = env.WEIR_DB;
  const insertNode = d1.prepare(insertSql('run_nodes', NODE_COLUMNS));
  await queueWrites(d1, [
    d1.prepare(insertSql('runs', RUN_COLUMNS)).bind(...RUN_COLUMNS.map((c) => run[c])),
    ...nodes.map((n) => insertNode.bind(...NODE_COLUMNS.map((c) => n[c]))),
  ]);
  return true;
}

// Writes are two fixed INSERTs, prepared from the column lists (cheaper than building a query per
// row, and this runs for every request); reads go through kysely (tables.ts).
const insertSql = (table: string, columns: readonly string[]) =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
