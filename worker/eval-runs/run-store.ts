// Eval runs in D1 (eval_runs, eval_cells, eval_run_chunks) and their reports (inline, or in R2
// under WEIR_BLOBS when large, as the run log keeps large payloads).
import type { EvalReport } from '../evals/report';
import type { PairwiseRecord } from '../evals/run-eval';
import { SUMMARY_COLUMNS, toSummary, type CellRow, type EvalRunRow } from './run-rows';
import type { EvalRunStatus, EvalRunSummary } from './types';

/** Reports up to this size stay in the row; larger ones go to R2. */
export const INLINE_REPORT_BYTES = 512 * 1024;
export const reportKey = (id: string) => `eval-runs/${id}/report.json`;

export interface CellInsert {
  itemId: string;
  variant: string;
  repeat: number;
  runId: string | null;
  status: 'ok' | 'failed';
  pass: boolean;
  score: number;
  latencyMs: number;
  costUsd: number | null;
  reasons: string[];
  nodes: unknown[];
  record: unknown;
}

export type EvalRunStore = ReturnType<typeof evalRunStore>;

export function evalRunStore(db: D1Database, blobs: R2Bucket) {
  const summaryOf = async (id: string) => {
    const row = await db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM eval_runs WHERE id = ?`).bind(id).first<EvalRunRow>();
    return row ? toSummary(row) : undefined;
  };
  return {
    async create(
      row: Omit<EvalRunRow, 'done' | 'started_at' | 'finished_at' | 'report' | 'report_key' | 'error'>,
    ): Promise<EvalRunSummary> {
      const cols = Object.keys(row) as (keyof typeof row)[];
      await db
        .prepare(`INSERT INTO eval_runs (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
        .bind(...cols.map((c) => row[c]))
        .run();
      return (await summaryOf(row.id))!;
    },

    summary: summaryOf,
    row: (id: string) => db.prepare('SELECT * FROM eval_runs WHERE id = ?').bind(id).first<EvalRunRow>(),

    async list(f: { eval?: string; flow?: string; limit: number }): Promise<EvalRunSummary[]> {
      const where: string[] = [];
      const args: unknown[] = [];
      for (const [column, value] of [
        ['eval_name', f.eval],
        ['flow_id', f.flow],
      ] as const)
        if (value) {
          where.push(`${column} = ?`);
          args.push(value);
        }
      const { results } = await db
        .prepare(
          `SELECT ${SUMMARY_COLUMNS} FROM eval_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .bind(...args, f.limit)
        .all<EvalRunRow>();
      return results.map(toSummary);
    },

    /** Moves a run on only from the statuses given (a cancelled run stays cancelled); true when it moved. */
    async setStatus(
      id: string,
      status: EvalRunStatus,
      from: EvalRunStatus[],
      extra: { error?: string; now?: number } = {},
    ): Promise<boolean> {
      const now = extra.now ?? Date.now();
      const finished = status === 'done' || status === 'failed' || status === 'cancelled';
      const r = await db
        .prepare(
          `UPDATE eval_runs SET status = ?1, error = COALESCE(?2, error),
             started_at = CASE WHEN ?1 = 'running' AND started_at IS NULL THEN ?3 ELSE started_at END,
             finished_at = CASE WHEN ?4 = 1 THEN ?3 ELSE finished_at END
           WHERE id = ?5 AND status IN (${from.map((s) => `'${s}'`).join(', ')})`,
        )
        .bind(status, extra.error ?? null, now, finished ? 1 : 0, id)
        .run();
      return r.meta.changes > 0;
    },

    status: async (id: string) =>
      (await db.prepare('SELECT status FROM eval_runs WHERE id = ?').bind(id).first<{ status: EvalRunStatus }>())?.status,

    /** Records cells (a cell recorded before is kept as it was) and the run's progress, in one batch. */
    async addCells(id: string, cells: readonly CellInsert[], now = Date.now()): Promise<void> {
      const insert = db.prepare(
        `INSERT INTO eval_cells (eval_run_id, item_id, variant, repeat, run_id, status, pass, score, latency_ms, cost_usd, reasons, nodes, record, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      );
      await db.batch([
        ...cells.map((c) =>
          insert.bind(
            id,
            c.itemId,
            c.variant,
            c.repeat,
            c.runId,
            c.status,
            c.pass ? 1 : 0,
            c.score,
            Math.round(c.latencyMs),
            c.costUsd,
            JSON.stringify(c.reasons),
            JSON.stringify(c.nodes),
            JSON.stringify(c.record),
            now,
          ),
        ),
        db.prepare('UPDATE eval_runs SET done = (SELECT COUNT(*) FROM eval_cells WHERE eval_run_id = ?1) WHERE id = ?1').bind(id),
      ]);
    },

    /** Cells in the order they were recorded, after a cursor (the `seq` of the last one seen). */
    async cells(id: string, opts: { after?: number; limit?: number; withRecord?: boolean } = {}): Promise<CellRow[]> {
      const cols = `rowid AS seq, item_id, variant, repeat, run_id, status, pass, score, latency_ms, cost_usd, reasons, nodes${opts.withRecord ? ', record' : ''}`;
      const { results } = await db
        .prepare(`SELECT ${cols} FROM eval_cells WHERE eval_run_id = ? AND rowid > ? ORDER BY rowid LIMIT ?`)
        .bind(id, opts.after ?? 0, opts.limit ?? 1_000_000)
        .all<CellRow>();
      return results;
    },

    async recordedKeys(id: string, itemIds: readonly string[]): Promise<Set<string>> {
      const out = new Set<string>();
      for (let i = 0; i < itemIds.length; i += 90) {
        const part = itemIds.slice(i, i + 90);
        const { results } = await db
          .prepare(
            `SELECT item_id, variant, repeat FROM eval_cells WHERE eval_run_id = ? AND item_id IN (${part.map(() => '?').join(', ')})`,
          )
          .bind(id, ...part)
          .all<{ item_id: string; variant: string; repeat: number }>();
        for (const r of results) out.add(cellKey(r.variant, r.item_id, r.repeat));
      }
      return out;
    },

    async putChunk(id: string, chunk: number, pairwise: PairwiseRecord[], judgeCostUsd: number | null): Promise<void> {
      await db
        .prepare(
          "INSERT INTO eval_run_chunks (eval_run_id, chunk, pairwise, judge_cost_usd) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET pairwise = excluded.pairwise, judge_cost_usd = excluded.judge_cost_usd WHERE excluded.pairwise <> '[]'",
        )
        .bind(id, chunk, JSON.stringify(pairwise), judgeCostUsd)
        .run();
    },

    async chunks(id: string): Promise<{ pairwise: PairwiseRecord[]; judgeCostUsd: number | null }[]> {
      const { results } = await db
        .prepare('SELECT pairwise, judge_cost_usd FROM eval_run_chunks WHERE eval_run_id = ? ORDER BY chunk')
        .bind(id)
        .all<{ pairwise: string; judge_cost_usd: number | null }>();
      return results.map((r) => ({ pairwise: JSON.parse(r.pairwise) as PairwiseRecord[], judgeCostUsd: r.judge_cost_usd }));
    },

    /** Stores the report and marks the run done, unless it was cancelled meanwhile. */
    async finish(id: string, report: EvalReport, now = Date.now()): Promise<boolean> {
      const text = JSON.stringify(report);
      const large = new TextEncoder().encode(text).byteLength > INLINE_REPORT_BYTES;
      if (large) await blobs.put(reportKey(id), text, { httpMetadata: { contentType: 'application/json' } });
      const r = await db
        .prepare(`UPDATE eval_runs SET status = 'done', finished_at = ?, report = ?, report_key = ? WHERE id = ? AND status = 'running'`)
        .bind(now, large ? null : text, large ? reportKey(id) : null, id)
        .run();
      return r.meta.changes > 0;
    },

    async report(id: string): Promise<EvalReport | null> {
      const row = await db
        .prepare('SELECT report, report_key FROM eval_runs WHERE id = ?')
        .bind(id)
        .first<{ report: string | null; report_key: string | null }>();
      if (row?.report) return JSON.parse(row.report) as EvalReport;
      if (row?.report_key) {
        const obj = await blobs.get(row.report_key);
        return obj ? ((await obj.json()) as EvalReport) : null;
      }
      return null;
    },
  };
}

export const cellKey = (variant: string, itemId: string, repeat: number) => `${variant}\u0000${itemId}\u0000${repeat}`;
