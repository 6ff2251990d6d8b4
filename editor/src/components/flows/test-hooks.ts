// A read-only handle for the browser tests and the benchmark: the current flow and a timed
// validation pass. It changes nothing and holds no secrets.
import { validateFlow, type Flow } from '../../engine';

declare global {
  interface Window {
    __weir?: { flow: () => Flow; validateMs: (runs?: number) => number[] };
  }
}

export function exposeTestHooks(flow: () => Flow): () => void {
  window.__weir = {
    flow,
    validateMs: (runs = 1) =>
      Array.from({ length: runs }, () => {
        const t0 = performance.now();
        validateFlow(flow());
        return performance.now() - t0;
      }),
  };
  return () => {
    delete window.__weir;
  };
}
