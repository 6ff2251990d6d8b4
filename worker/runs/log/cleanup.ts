// Retention: the cron `scheduled` handler deletes runs older than RUN_LOG_RETENTION_DAYS, with
// their node rows, scores and R2 payloads, in pages so one invocation stays within its limits.
import type { Bindings } from '../../http/env';
import { logSettings } from './settings';
import { runLogDb } from './tables';

// D1 binds at most 100 parameters per statement, and each page deletes by id list.
const PAGE = 90;
const DAY_MS = 86_400_000;

export async function deleteExpiredRuns(env: Bindings, now = Date.now(), maxPages = 50): Promise<number> {
  const { retentionDays } = logSettings(env);
  const cutoff = now - retentionDays * DAY_MS;
  const db = runLogDb(env.WEIR_DB);
  let deleted = 0;
  for (let page = 0; page < maxPages; page++) {
    const rows = await db.selectFrom('runs').select(['id', 'payload_key']).where('created_at', '<', cutoff).limit(PAGE).execute();
    if (!rows.length) break;
    const keys = rows.flatMap((r) => (r.payload_key ? [r.payload_key] : []));
    if (keys.length) await env.WEIR_BLOBS.delete(keys);
    const ids = rows.map((r) => r.id);
    const statements = [
      db.deleteFrom('run_scores').where('run_id', 'in', ids).compile(),
      db.deleteFrom('run_nodes').where('run_id', 'in', ids).compile(),
      db.deleteFrom('runs').where('id', 'in', ids).compile(),
    ];
    await env.WEIR_DB.batch(statements.map((q) => env.WEIR_DB.prepare(q.sql).bind(...q.parameters)));
    deleted += rows.length;
    if (rows.length < PAGE) break;
  }
  return deleted;
}
