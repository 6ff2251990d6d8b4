// Loads something now and again every `ms` while `active` says so (a running job, an open
// experiment), keeping the last good answer on screen when one poll fails.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data?: T;
  error?: Error;
  reload: () => void;
}

export function usePoll<T>(load: () => Promise<T>, deps: unknown[], ms: number, active: (data: T | undefined) => boolean): Polled<T> {
  const [state, setState] = useState<{ data?: T; error?: Error }>({});
  const [tick, setTick] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  const keepGoing = useRef(active);
  keepGoing.current = active;
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const once = () =>
      latest.current().then(
        (data) => {
          if (!live) return;
          setState({ data });
          if (keepGoing.current(data)) timer = setTimeout(once, ms);
        },
        (error: Error) => {
          if (!live) return;
          setState((s) => ({ data: s.data, error }));
          timer = setTimeout(once, ms * 2);
        },
      );
    void once();
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps decide
  }, [...deps, tick, ms]);
  return { ...state, reload: useCallback(() => setTick((t) => t + 1), []) };
}
