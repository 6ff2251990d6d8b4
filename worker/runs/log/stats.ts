// Run statistics from the log. For one flow: per day, runs, error rate, p50/p95 latency, tokens
// and cost; per node, how often it ran, failed and fell back, and which handles a branching node
// took. For every flow at once: today's runs, error rate and p50 (the editor's flow list).
import { sql, type Kysely } from 'kysely';
import type { DayStats, FlowSummary, NodeStats } from './api-types';
import type { RunLogDb } from './tables';

interface DayRow {
  day: string;
  runs: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  input_tokens: number;
  output_tokens: number;
  cost: number | null;
  cost_known: number;
}

export async function flowStats(db: Kysely<RunLogDb>, flowId: string, since: number): Promise<{ days: DayStats[]; nodes: NodeStats[] }> {
  const days = await sql<DayRow>`
    WITH r AS (
      SELECT day, status, duration_ms, input_tokens, output_tokens, cost_usd,
        ROW_NUMBER() OVER (PARTITION BY day ORDER BY duration_ms) AS rn,
        COUNT(*) OVER (PARTITION BY day) AS n
      FROM runs WHERE flow_id = ${flowId} AND created_at >= ${since}
    )
    SELECT day, COUNT(*) AS runs, SUM(status = 'failed') AS errors,
      MAX(CASE WHEN rn = (n * 50 + 99) / 100 THEN duration_ms END) AS p50,
      MAX(CASE WHEN rn = (n * 95 + 99) / 100 THEN duration_ms END) AS p95,
      SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
      SUM(cost_usd) AS cost, COUNT(cost_usd) AS cost_known
    FROM r GROUP BY day ORDER BY day`.execute(db);
  const nodeRows = await db
    .selectFrom('run_nodes')
    .select(['node_id', 'type', 'status', 'handle'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('flow_id', '=', flowId)
    .where('created_at', '>=', since)
    .groupBy(['node_id', 'type', 'status', 'handle'])
    .execute();
  const nodes = new Map<string, NodeStats>();
  for (const r of nodeRows) {
    let s = nodes.get(r.node_id);
    if (!s) nodes.set(r.node_id, (s = { nodeId: r.node_id, type: r.type, runs: 0, failed: 0, fellBack: 0, fallbackRate: 0, handles: {} }));
    const n = Number(r.n);
    s.runs += n;
    if (r.status === 'failed') s.failed += n;
    if (r.status === 'fell_back') s.fellBack += n;
    if (r.handle) s.handles[r.handle] = { runs: (s.handles[r.handle]?.runs ?? 0) + n, rate: 0 };
  }
  for (const s of nodes.values()) {
    s.fallbackRate = s.runs ? s.fellBack / s.runs : 0;
    for (const h of Object.values(s.handles)) h.rate = s.runs ? h.runs / s.runs : 0;
  }
  return {
    days: days.rows.map((d) => ({
      day: d.day,
      runs: Number(d.runs),
      errors: Number(d.errors),
      errorRate: Number(d.runs) ? Number(d.errors) / Number(d.runs) : 0,
      p50Ms: d.p50,
      p95Ms: d.p95,
      inputTokens: Number(d.input_tokens),
      outputTokens: Number(d.output_tokens),
      costUsd: Number(d.cost_known) === Number(d.runs) ? (d.cost ?? 0) : null,
      costKnownRuns: Number(d.cost_known),
    })),
    nodes: [...nodes.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId)),
  };
}

/** Every flow's runs since a time (the editor asks for today, UTC). */
export async function flowSummaries(db: Kysely<RunLogDb>, since: number): Promise<FlowSummary[]> {
  const rows = await sql<{ flow_id: string; runs: number; errors: number; p50: number | null }>`
    WITH r AS (
      SELECT flow_id, status, duration_ms,
        ROW_NUMBER() OVER (PARTITION BY flow_id ORDER BY duration_ms) AS rn,
        COUNT(*) OVER (PARTITION BY flow_id) AS n
      FROM runs WHERE created_at >= ${since}
    )
    SELECT flow_id, COUNT(*) AS runs, SUM(status = 'failed') AS errors,
      MAX(CASE WHEN rn = (n * 50 + 99) / 100 THEN duration_ms END) AS p50
    FROM r GROUP BY flow_id ORDER BY flow_id`.execute(db);
  return rows.rows.map((r) => ({
    flowId: r.flow_id,
    runs: Number(r.runs),
    errors: Number(r.errors),
    errorRate: Number(r.runs) ? Number(r.errors) / Number(r.runs) : 0,
    p50Ms: r.p50,
  }));
}

/** Tokens and known cost a flow spent since a time (the daily budget). */
export async function flowSpend(db: Kysely<RunLogDb>, flowId: string, since: number): Promise<{ tokens: number; costUsd: number }> {
  const row = await db
    .selectFrom('runs')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>(sql`input_tokens + output_tokens`), sql<number>`0`).as('tokens'),
      eb.fn.coalesce(eb.fn.sum<number>('cost_usd'), sql<number>`0`).as('cost'),
    ])
    .where('flow_id', '=', flowId)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return { tokens: Number(row?.tokens ?? 0), costUsd: Number(row?.cost ?? 0) };
}
