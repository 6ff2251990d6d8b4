// A kysely dialect over a D1 binding. kysely-d1 0.4 still reports `numUpdatedOrDeletedRows`,
// which kysely 0.28 warns about in every isolate's log; this is the same few lines with the
// current field. No transactions: D1 writes here go through `batch`, which is atomic.
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';

class D1Connection implements DatabaseConnection {
  constructor(private readonly db: D1Database) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.db
      .prepare(query.sql)
      .bind(...query.parameters)
      .all<R>();
    const changes = result.meta?.changes;
    return { rows: result.results ?? [], ...(typeof changes === 'number' && changes > 0 ? { numAffectedRows: BigInt(changes) } : {}) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('D1 does not stream query results');
  }
}

class D1Driver implements Driver {
  constructor(private readonly db: D1Database) {}
  async init() {}
  async acquireConnection() {
    return new D1Connection(this.db);
  }
  async beginTransaction() {
    throw new Error('D1 has no interactive transactions; use batch');
  }
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {}
}

export const d1Dialect = (db: D1Database): Dialect => ({
  createAdapter: () => new SqliteAdapter(),
  createDriver: () => new D1Driver(db),
  createIntrospector: (k) => new SqliteIntrospector(k),
  createQueryCompiler: () => new SqliteQueryCompiler(),
});
