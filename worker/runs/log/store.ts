// The run log behind one object (c.var.stores.runs): record, list, get, stats, feedback and
// retention over D1 (WEIR_DB) and R2 (WEIR_BLOBS).
import type { Bindings } from '../../http/env';
import type { RunRequest, RunResult } from '../result';
import { deleteExpiredRuns } from './cleanup';
import { addFeedback, type FeedbackBody } from './feedback';
import { getRun, listRuns, runOwner, type RunFilters } from './query';
import { recordRun } from './record';
import { flowSpend, flowStats, flowSummaries } from './stats';
import { runLogDb } from './tables';

export type RunStore = ReturnType<typeof runStore>;

export function runStore(env: Bindings) {
  const db = runLogDb(env.WEIR_DB);
  return {
    record: (req: RunRequest, result: RunResult, startedAt: Date) => recordRun(env, req, result, startedAt),
    list: (filters: RunFilters) => listRuns(db, filters),
    get: (id: string) => getRun(db, env.WEIR_BLOBS, id),
    owner: (id: string) => runOwner(db, id),
    stats: (flowId: string, since: number) => flowStats(db, flowId, since),
    summaries: (since: number) => flowSummaries(db, since),
    spend: (flowId: string, since: number) => flowSpend(db, flowId, since),
    addFeedback: (runId: string, body: FeedbackBody, by: { source: 'feedback' | 'admin'; keyId: string | null }) =>
      addFeedback(db, env.WEIR_DB, runId, body, by),
    deleteExpired: (now?: number) => deleteExpiredRuns(env, now),
  };
}
