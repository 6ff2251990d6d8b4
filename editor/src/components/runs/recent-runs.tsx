// The run panel's recent runs of this flow, from the run log, so they survive reloads; one click
// draws a run on the canvas again. Reloads after each run (the log records just after answering).
import { useEffect, useState } from 'react';
import { useEditor } from '../../state/use-editor';
import { clock, ms, usd } from './format';
import { runsApi, type RunSummary } from './runs-api';
import { useOpenRun } from './use-open-run';

export function RecentRuns() {
  const ed = useEditor();
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const { open, error } = useOpenRun();
  const phase = ed.run.phase;
  const flowId = ed.flow.id;
  useEffect(() => {
    if (phase === 'running') return;
    let live = true;
    const load = () =>
      runsApi
        .list(flowId, {}, undefined, 5)
        .then((page) => live && setRuns(page.runs))
        .catch(() => undefined);
    void load();
    // A run just ended: its record lands a moment later.
    const again = phase === 'idle' ? undefined : setTimeout(load, 700);
    return () => {
      live = false;
      if (again) clearTimeout(again);
    };
  }, [flowId, phase]);
  if (!runs.length) return null;
  return (
    <div className="recent-runs" data-testid="recent-runs">
      <div className="field-label section">Recent runs</div>
      {runs.map((r) => (
        <button
          key={r.id}
          className="recent-run"
          data-testid={`recent-run-${r.id}`}
          onClick={() => void open(r.id)}
          title="Draw this run on the canvas"
        >
          <span className={`run-badge run-${r.status}`}>{r.status}</span>
          <span className="muted">{clock(r.createdAt)}</span>
          <span>{ms(r.durationMs)}</span>
          <span>{usd(r.costUsd)}</span>
        </button>
      ))}
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}
