// Runs async tasks with at most `limit` in flight, in order of submission; stops starting new
// ones once the signal aborts. Results keep the tasks' order.
export async function runPool<T>(tasks: readonly (() => Promise<T>)[], limit: number, signal?: AbortSignal): Promise<T[]> {
  const results: T[] = Array.from({ length: tasks.length });
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      if (signal?.aborted) throw signal.reason;
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return results;
}
