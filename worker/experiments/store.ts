// experimentStore: experiments in D1 (the source of truth, with a version number for
// compare-and-set updates) and the running one per flow projected to KV under `experiment:<flow>`
// for the run path, which reads it once and keeps it in the isolate (experiments/live.ts).
import { StoreError } from '../store/errors';
import { forgetLive } from './live';
import { experimentRecord, type Experiment } from './schema';

export const experimentKey = (flowId: string) => `experiment:${flowId}`;

interface Row {
  id: string;
  flow_id: string;
  status: string;
  version: number;
  config: string;
}

const fromRow = (row: Row): Experiment => experimentRecord.parse({ ...JSON.parse(row.config), status: row.status, version: row.version });

export type ExperimentStore = ReturnType<typeof experimentStore>;

export function experimentStore(deps: { db: D1Database; kv: KVNamespace }, now: () => number = Date.now) {
  const { db, kv } = deps;

  /** Puts the flow's running experiment (or its absence) in KV, and drops this isolate's copy. */
  async function project(flowId: string): Promise<void> {
    const row = await db
      .prepare('SELECT * FROM experiments WHERE flow_id = ? AND status = ? ORDER BY updated_at DESC LIMIT 1')
      .bind(flowId, 'running')
      .first<Row>();
    if (row) await kv.put(experimentKey(flowId), JSON.stringify(fromRow(row)));
    else await kv.delete(experimentKey(flowId));
    forgetLive(flowId);
  }

  async function get(id: string): Promise<Experiment> {
    const row = await db.prepare('SELECT * FROM experiments WHERE id = ?').bind(id).first<Row>();
    if (!row) throw new StoreError('not_found', `No experiment with id "${id}".`);
    return fromRow(row);
  }

  /** Compare-and-set: writes `next` only if the stored version is still `expected` (else 409). */
  async function write(expected: number, next: Experiment): Promise<Experiment> {
    const stored: Experiment = { ...next, version: expected + 1, updatedAt: new Date(now()).toISOString() };
    const { status, version, ...config } = stored;
    const res = await db
      .prepare('UPDATE experiments SET status = ?, version = ?, config = ?, updated_at = ? WHERE id = ? AND version = ?')
      .bind(status, version, JSON.stringify(config), now(), stored.id, expected)
      .run()
      .catch((err: unknown) => {
        // experiments_one_running: another start on the same flow won the race.
        if (err instanceof Error && /UNIQUE/i.test(err.message))
          throw new StoreError('conflict', `Another experiment is already running on flow "${stored.flowId}"; stop it first.`);
        throw err;
      });
    if (!res.meta.changes) {
      const current = await get(stored.id);
      throw new StoreError(
        'conflict',
        `Experiment "${stored.id}" is at version ${current.version}, not ${expected}; read it again and retry.`,
      );
    }
    await project(stored.flowId);
    return stored;
  }

  return {
    get,
    project,
    write,

    async list(filter: { flowId?: string; status?: string } = {}): Promise<Experiment[]> {
      const where: string[] = [];
      const args: string[] = [];
      if (filter.flowId) {
        where.push('flow_id = ?');
        args.push(filter.flowId);
      }
      if (filter.status) {
        where.push('status = ?');
        args.push(filter.status);
      }
      const sql = `SELECT * FROM experiments ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT 200`;
      const { results } = await db
        .prepare(sql)
        .bind(...args)
        .all<Row>();
      return results.map(fromRow);
    },

    async create(config: Omit<Experiment, 'status' | 'version' | 'createdAt' | 'updatedAt'>): Promise<Experiment> {
      const at = new Date(now()).toISOString();
      const record: Experiment = { ...config, status: 'draft', version: 1, createdAt: at, updatedAt: at };
      const { status, version, ...rest } = record;
      const res = await db
        .prepare(
          'INSERT INTO experiments (id, flow_id, status, version, config, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
        )
        .bind(record.id, record.flowId, status, version, JSON.stringify(rest), now(), now())
        .run();
      if (!res.meta.changes) throw new StoreError('conflict', `An experiment with id "${record.id}" already exists.`);
      return record;
    },

    /** The flow's running experiment from D1 (management; the run path reads KV). */
    async runningFor(flowId: string): Promise<Experiment | undefined> {
      const row = await db
        .prepare('SELECT * FROM experiments WHERE flow_id = ? AND status = ? LIMIT 1')
        .bind(flowId, 'running')
        .first<Row>();
      return row ? fromRow(row) : undefined;
    },

    /** Re-projects every flow with a running experiment (the cron: a KV write whose request died). */
    async reprojectRunning(): Promise<Experiment[]> {
      const { results } = await db.prepare('SELECT * FROM experiments WHERE status = ?').bind('running').all<Row>();
      const running = results.map(fromRow);
      await Promise.all(running.map((e) => kv.put(experimentKey(e.flowId), JSON.stringify(e))));
      return running;
    },
  };
}
