// Reading the run log: the filtered, newest-first list with cursor pagination, and one whole run
// (its payload from the row or R2, its per-node rows' costs, its scores).
import { sql, type Kysely } from 'kysely';
import { StoreError } from '../../store/errors';
import type { RunDetail, RunSummary } from './api-types';
import type { RunPayload } from './record';
import { RUN_SUMMARY_COLUMNS, type RunLogDb, type RunsTable } from './tables';

export interface RunFilters {
  flow?: string;
  version?: string;
  status?: 'ok' | 'failed';
  source?: string;
  /** A node id that failed in the run, or `*` for any. */
  failedNode?: string;
  /** A node id that fell back in the run, or `*` for any. */
  fellBackNode?: string;
  /** Started at or after / before (ms since the epoch). */
  from?: number;
  to?: number;
  /** Text in the input or the answer (their first 2,000 characters). */
  q?: string;
  keyId?: string;
  /** The newest thumbs feedback on the run. */
  thumbs?: 'up' | 'down';
  /** Only runs with (true) or without (false) a corrected answer from feedback. */
  corrected?: boolean;
  /** Runs an experiment chose (and, with `arm`, one of its arms; `shadow` for shadow runs). */
  experiment?: string;
  arm?: string;
  limit: number;
  cursor?: string;
}

const PREVIEW = 200;
const preview = (text: string | null) => (text === null ? null : text.length > PREVIEW ? `${text.slice(0, PREVIEW - 1)}…` : text);

export const encodeCursor = (row: { created_at: number; id: string }) => btoa(`${row.created_at}:${row.id}`);
function decodeCursor(cursor: string): { at: number; id: string } {
  try {
    const [at, id] = atob(cursor).split(':');
    if (/^\d+$/.test(at) && id) return { at: Number(at), id };
  } catch {
    // fall through
  }
  throw new StoreError('invalid', 'the cursor is not one this API gave out');
}

type Row = Omit<RunsTable, 'payload' | 'payload_key'> & {
  thumbs: number | null;
  score: number | null;
  comments: number;
  corrections: number;
};

function summary(row: Row): RunSummary {
  const version = /^\d+$/.test(row.flow_version) ? Number(row.flow_version) : 'draft';
  return {
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    source: row.source,
    keyId: row.key_id,
    flow: {
      id: row.flow_id,
      version,
      hash: row.flow_hash,
      ...(row.flow_label ? { label: row.flow_label } : {}),
      ...(row.flow_ref ? { ref: row.flow_ref } : {}),
    },
    status: row.status,
    ...(row.status === 'failed'
      ? {
          error: {
            code: row.error_code ?? 'node_failed',
            message: row.error_message ?? '',
            ...(row.error_node ? { nodeId: row.error_node } : {}),
          },
        }
      : {}),
    durationMs: row.duration_ms,
    firstTokenMs: row.first_token_ms,
    usage: {
      calls: row.calls,
      inputTokens: row.input_tokens,
      cachedInputTokens: row.cached_input_tokens,
      outputTokens: row.output_tokens,
      reasoningTokens: row.reasoning_tokens,
    },
    costUsd: row.cost_usd,
    ...(row.experiment_id ? { experiment: { id: row.experiment_id, arm: row.experiment_arm ?? '' } } : {}),
    inputPreview: preview(row.input_text)!,
    outputPreview: preview(row.output_text),
    feedback: {
      thumbs: row.thumbs === null ? null : row.thumbs >= 1 ? 'up' : 'down',
      score: row.score,
      comments: row.comments,
      corrected: row.corrections > 0,
    },
  };
}

function selectRuns(db: Kysely<RunLogDb>) {
  const latest = (name: string) =>
    sql<number | null>`(SELECT value FROM run_scores s WHERE s.run_id = runs.id AND s.name = ${name} ORDER BY s.created_at DESC LIMIT 1)`;
  const count = (name: string) => sql<number>`(SELECT COUNT(*) FROM run_scores s WHERE s.run_id = runs.id AND s.name = ${name})`;
  return db
    .selectFrom('runs')
    .select(RUN_SUMMARY_COLUMNS)
    .select([
      latest('thumbs').as('thumbs'),
      latest('score').as('score'),
      count('comment').as('comments'),
      count('correction').as('corrections'),
    ]);
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listRuns(db: Kysely<RunLogDb>, f: RunFilters): Promise<{ runs: RunSummary[]; nextCursor: string | null }> {
  let q = selectRuns(db);
  if (f.flow) q = q.where('flow_id', '=', f.flow);
  if (f.version) q = q.where('flow_version', '=', f.version);
  if (f.experiment) q = q.where('experiment_id', '=', f.experiment);
  if (f.arm) q = q.where('experiment_arm', '=', f.arm);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.source) q = q.where('source', '=', f.source);
  if (f.keyId) q = q.where('key_id', '=', f.keyId);
  if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('created_at', '<', f.to);
  for (const [node, status] of [
    [f.failedNode, 'failed'],
    [f.fellBackNode, 'fell_back'],
  ] as const) {
    if (!node) continue;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('run_nodes as n')
          .select('n.node_id')
          .whereRef('n.run_id', '=', 'runs.id')
          .where('n.status', '=', status)
          .$if(node !== '*', (s) => s.where('n.node_id', '=', node)),
      ),
    );
  }
  if (f.thumbs)
    q = q.where(
      sql<boolean>`(SELECT value FROM run_scores s WHERE s.run_id = runs.id AND s.name = 'thumbs' ORDER BY s.created_at DESC LIMIT 1) = ${f.thumbs === 'up' ? 1 : 0}`,
    );
  if (f.corrected !== undefined)
    q = q.where(
      sql<boolean>`${sql.raw(f.corrected ? '' : 'NOT ')}EXISTS (SELECT 1 FROM run_scores s WHERE s.run_id = runs.id AND s.name = 'correction')`,
    );
  if (f.q) {
    const pattern = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([sql<boolean>`input_text LIKE ${pattern} ESCAPE '\\'`, sql<boolean>`output_text LIKE ${pattern} ESCAPE '\\'`]),
    );
  }
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    q = q.where((eb) => eb.or([eb('created_at', '<', c.at), eb.and([eb('created_at', '=', c.at), eb('id', '<', c.id)])]));
  }
  const rows = (await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute()) as Row[];
  const page = rows.slice(0, f.limit);
  return { runs: page.map(summary), nextCursor: rows.length > f.limit ? encodeCursor(page.at(-1)!) : null };
}

export async function getRun(db: Kysely<RunLogDb>, blobs: R2Bucket, id: string): Promise<RunDetail | undefined> {
  const row = (await selectRuns(db).select(['payload', 'payload_key']).where('id', '=', id).executeTakeFirst()) as
    (Row & { payload: string | null; payload_key: string | null }) | undefined;
  if (!row) return undefined;
  let payloadText = row.payload;
  if (payloadText === null && row.payload_key) payloadText = (await (await blobs.get(row.payload_key))?.text()) ?? null;
  const payload: RunPayload = payloadText ? (JSON.parse(payloadText) as RunPayload) : { input: {}, trace: [] };
  const scores = await db.selectFrom('run_scores').selectAll().where('run_id', '=', id).orderBy('created_at').execute();
  return {
    ...summary(row),
    prompts: JSON.parse(row.prompts) as RunDetail['prompts'],
    input: payload.input,
    ...('output' in payload ? { output: payload.output } : {}),
    trace: payload.trace,
    redacted: row.redacted === 1,
    scores: scores.map((s) => ({
      id: s.id,
      name: s.name,
      value: s.value,
      text: s.text,
      source: s.source,
      keyId: s.key_id,
      createdAt: new Date(s.created_at).toISOString(),
    })),
  };
}

/** Who made a run (its key id), for feedback checks; undefined when there is no such run. */
export async function runOwner(db: Kysely<RunLogDb>, id: string): Promise<{ keyId: string | null } | undefined> {
  const row = await db.selectFrom('runs').select('key_id').where('id', '=', id).executeTakeFirst();
  return row ? { keyId: row.key_id } : undefined;
}
