// Feedback on a run, stored as scores with their source: thumbs (1 up, 0 down), a score, a
// comment and a corrected answer, each its own row so a run can collect several over time.
import * as z from 'zod';
import type { Kysely } from 'kysely';
import type { RunLogDb, RunScoresTable } from './tables';

export const feedbackBody = z
  .strictObject({
    thumbs: z.union([z.enum(['up', 'down']), z.boolean()]).optional(),
    score: z.number().finite().optional(),
    comment: z.string().min(1).max(4000).optional(),
    correction: z.unknown().optional(),
  })
  .refine((b) => b.thumbs !== undefined || b.score !== undefined || b.comment !== undefined || b.correction !== undefined, {
    message: 'send at least one of thumbs, score, comment, correction',
  });
export type FeedbackBody = z.infer<typeof feedbackBody>;

export async function addFeedback(
  db: Kysely<RunLogDb>,
  d1: D1Database,
  runId: string,
  body: FeedbackBody,
  by: { source: 'feedback' | 'admin'; keyId: string | null },
  now = Date.now(),
): Promise<RunScoresTable[]> {
  const row = (name: string, value: number | null, text: string | null): RunScoresTable => ({
    id: crypto.randomUUID(),
    run_id: runId,
    created_at: now,
    name,
    value,
    text,
    source: by.source,
    key_id: by.keyId,
  });
  const rows: RunScoresTable[] = [];
  if (body.thumbs !== undefined) rows.push(row('thumbs', body.thumbs === 'up' || body.thumbs === true ? 1 : 0, null));
  if (body.score !== undefined) rows.push(row('score', body.score, null));
  if (body.comment !== undefined) rows.push(row('comment', null, body.comment));
  if (body.correction !== undefined)
    rows.push(row('correction', null, typeof body.correction === 'string' ? body.correction : JSON.stringify(body.correction)));
  const statements = rows.map((r) => db.insertInto('run_scores').values(r).compile());
  await d1.batch(statements.map((q) => d1.prepare(q.sql).bind(...q.parameters)));
  return rows;
}
