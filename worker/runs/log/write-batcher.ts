// Coalesces run-log writes: the statements of the runs recorded within a few milliseconds of each
// other go to D1 as one batch (one transaction), instead of one batch per run. Each run's
// background task waits for the flush that carries its rows, so waitUntil keeps the isolate alive
// until they are written; nothing waits in memory without a task holding it. Rows of one batch
// stand or fall together (ids are random UUIDs, so a conflict is not expected).
export const FLUSH_AFTER_MS = 20;
export const FLUSH_AT_STATEMENTS = 300;

interface Pending {
  statements: D1PreparedStatement[];
  done: Promise<void>;
  flush: () => void;
}

const pendingByDb = new WeakMap<D1Database, Pending>();

function open(db: D1Database): Pending {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const statements: D1PreparedStatement[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pending: Pending = {
    statements,
    flush: () => {
      if (timer) clearTimeout(timer);
      if (pendingByDb.get(db) === pending) pendingByDb.delete(db);
      release();
    },
    done: gate.then(async () => {
      await db.batch(statements);
    }),
  };
  timer = setTimeout(pending.flush, FLUSH_AFTER_MS);
  return pending;
}

/** Queues statements for the next batch; resolves once they are written (rejects if the batch fails). */
export function queueWrites(db: D1Database, statements: D1PreparedStatement[]): Promise<void> {
  let pending = pendingByDb.get(db);
  if (!pending) pendingByDb.set(db, (pending = open(db)));
  pending.statements.push(...statements);
  const done = pending.done;
  if (pending.statements.length >= FLUSH_AT_STATEMENTS) pending.flush();
  return done;
}
