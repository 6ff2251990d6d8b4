// Opening a logged run: fetch it whole and hand it to the editor's run state, so the canvas
// draws it like a live run and the run panel shows its output, error and per-node trace.
import { useCallback, useState } from 'react';
import { useEditor } from '../../state/use-editor';
import { runStateFromLog } from './run-from-log';
import { runsApi } from './runs-api';

export function useOpenRun(): { open: (id: string) => Promise<void>; opening?: string; error?: string } {
  const ed = useEditor();
  const [opening, setOpening] = useState<string>();
  const [error, setError] = useState<string>();
  const open = useCallback(
    async (id: string) => {
      setOpening(id);
      setError(undefined);
      try {
        ed.setRun(runStateFromLog(await runsApi.get(id)));
        ed.setPanel('run');
      } catch (err) {
        setError((err as Error).message);
      } finally {
        setOpening(undefined);
      }
    },
    [ed],
  );
  return { open, opening, error };
}
