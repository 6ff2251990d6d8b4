// Work that continues after the answer is sent (recording a run): handed to the request's
// ExecutionContext.waitUntil so the isolate keeps it alive, and counted here so tests (and a
// graceful caller) can wait for it to finish.
const pending = new Set<Promise<unknown>>();

export type WaitUntil = (promise: Promise<unknown>) => void;

/** Runs `work` in the background; a failure is logged by code, never thrown at the answer. */
export function inBackground(waitUntil: WaitUntil, work: Promise<unknown>): void {
  const p = work
    .catch((err: unknown) => console.error('weir: background work failed:', err instanceof Error ? err.message : String(err)))
    .finally(() => pending.delete(p));
  pending.add(p);
  waitUntil(p);
}

/** Resolves once every background task started so far has settled. */
export async function backgroundSettled(): Promise<void> {
  while (pending.size) await Promise.allSettled(pending);
}
