// One eval run as the view shows it: its detail (report, cells, node stats), and while it runs,
// its progress and cells as they arrive over SSE. When the stream ends the detail is read again
// for the report; if the stream fails the hook polls instead, so progress never freezes.
import { useCallback, useEffect, useState } from 'react';
import { evalsApi, finished, followEvalRun, type Cell, type EvalRunDetail } from './evals-api';

export interface LiveRun {
  detail?: EvalRunDetail;
  error?: string;
  /** The SSE stream is connected. */
  streaming: boolean;
  reload: () => void;
}

const cellKey = (c: Cell) => `${c.itemId}\u0000${c.variant}\u0000${c.repeat}`;

export function useEvalRun(id: string | undefined): LiveRun {
  const [detail, setDetail] = useState<EvalRunDetail>();
  const [error, setError] = useState<string>();
  const [streaming, setStreaming] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!id) return setDetail(undefined);
    const abort = new AbortController();
    let live = true;
    // Cells already held, so a replayed cell is not added twice (the stream replays from the start).
    const seen = new Set<string>();
    const load = async () => {
      const d = await evalsApi.get(id);
      if (live) {
        seen.clear();
        for (const c of d.cells) seen.add(cellKey(c));
        setDetail(d);
      }
      return d;
    };
    const settle = async () => {
      // The report is written as the run ends; read until it is there (or the run failed).
      for (let i = 0; i < 20 && live; i++) {
        const d = await load();
        if (d.report || d.run.status !== 'done') break;
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    const poll = async () => {
      while (live) {
        const d = await load();
        if (finished(d.run.status)) return settle();
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    (async () => {
      setError(undefined);
      const first = await load();
      if (finished(first.run.status)) return;
      setStreaming(true);
      try {
        await followEvalRun(
          id,
          (e) => {
            if (!live) return;
            if (e.type === 'progress')
              setDetail((d) => d && { ...d, run: { ...d.run, done: e.done, total: e.total, status: e.status } });
            else if (e.type === 'cell') {
              const { type: _t, ...cell } = e;
              if (seen.has(cellKey(cell))) return;
              seen.add(cellKey(cell));
              setDetail((d) => d && { ...d, cells: [...d.cells, cell] });
            } else if (e.type === 'end') setDetail((d) => d && { ...d, run: { ...d.run, status: e.status } });
          },
          abort.signal,
        );
        if (live) await settle();
      } catch (err) {
        if (!live || abort.signal.aborted) return;
        setError(`live progress lost (${(err as Error).message}); polling instead`);
        await poll();
      } finally {
        if (live) setStreaming(false);
      }
    })().catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
      abort.abort();
    };
  }, [id, tick]);

  return { detail, error, streaming, reload: useCallback(() => setTick((t) => t + 1), []) };
}
