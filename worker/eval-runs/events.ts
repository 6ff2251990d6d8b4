// GET /v1/eval-runs/:id/events: the run's progress as server-sent events. It replays what is
// recorded (every cell so far), then polls D1 for new cells and status changes: `progress`
// {done, total, status}, `cell` Cell, and `end` {status} once the run has ended. It stops when
// the client goes away.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../http/env';
import { toCell } from './run-rows';
import { isFinished, type EvalRunSummary } from './types';

export const POLL_MS = 250;
/** A comment line this often while nothing changes, so proxies keep a quiet stream open. */
const KEEP_ALIVE_MS = 15_000;
const PAGE = 500;

export function streamEvalRun(c: Context<AppEnv>, first: EvalRunSummary): Response {
  const runs = c.var.stores.evalRuns;
  return streamSSE(c, async (stream) => {
    let gone = false;
    stream.onAbort(() => {
      gone = true;
    });
    const send = (event: string, data: unknown) => stream.writeSSE({ event, data: JSON.stringify(data) });
    let after = 0;
    let last = '';
    let run = first;
    let lastWrite = Date.now();
    for (;;) {
      // The status is read before the cells: cells recorded before a run ended are all sent before `end`.
      run = (await runs.summary(run.id)) ?? run;
      for (;;) {
        const cells = await runs.cells(run.id, { after, limit: PAGE });
        for (const cell of cells) await send('cell', toCell(cell));
        if (cells.length) {
          after = cells.at(-1)!.seq;
          lastWrite = Date.now();
        }
        if (cells.length < PAGE || gone) break;
      }
      const progress = JSON.stringify({ done: run.done, total: run.total, status: run.status });
      if (progress !== last) {
        await stream.writeSSE({ event: 'progress', data: (last = progress) });
        lastWrite = Date.now();
      } else if (Date.now() - lastWrite >= KEEP_ALIVE_MS) {
        await stream.write(': keep-alive\n\n');
        lastWrite = Date.now();
      }
      if (isFinished(run.status)) {
        await send('end', { status: run.status, ...(run.error ? { error: run.error } : {}) });
        return;
      }
      if (gone || stream.aborted || stream.closed) return;
      await stream.sleep(POLL_MS);
    }
  });
}
