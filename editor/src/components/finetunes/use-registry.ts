// The model registry for pickers and the inspector: read once per page, shared, read again on
// demand (a picker opening, a job succeeding).
import { useCallback, useEffect, useState } from 'react';
import { finetunesApi, type RegistryModel } from './finetunes-api';

let cached: Promise<RegistryModel[]> | undefined;
const listeners = new Set<() => void>();

export function useRegistry(): { models?: RegistryModel[]; error?: string; reload: () => void } {
  const [state, setState] = useState<{ models?: RegistryModel[]; error?: string }>({});
  const read = useCallback(() => {
    cached ??= finetunesApi.registry().catch((err: Error) => {
      cached = undefined;
      throw err;
    });
    return cached;
  }, []);
  useEffect(() => {
    let live = true;
    const load = () =>
      read().then(
        (models) => live && setState({ models }),
        (err: Error) => live && setState({ error: err.message }),
      );
    listeners.add(load);
    void load();
    return () => {
      live = false;
      listeners.delete(load);
    };
  }, [read]);
  const reload = useCallback(() => {
    cached = undefined;
    for (const l of listeners) void l();
  }, []);
  return { ...state, reload };
}
