// The past runs of an eval, newest first: when, status, progress, dataset hash, label.
import { clock } from '../runs/format';
import type { EvalRunSummary } from './evals-api';

export function EvalRunsList(props: { runs: EvalRunSummary[]; selected?: string; onSelect: (id: string) => void }) {
  if (!props.runs.length) return <div className="muted evals-runs-empty">No runs yet: press Run.</div>;
  return (
    <ul className="evals-runs-list" data-testid="eval-runs">
      {props.runs.map((r) => (
        <li key={r.id}>
          <button className={r.id === props.selected ? 'eval-run-item on' : 'eval-run-item'} data-testid={`eval-run-${r.id}`} aria-pressed={r.id === props.selected} onClick={() => props.onSelect(r.id)}>
            <span className="row">
              <span className={`eval-status status-${r.status}`}>{r.status}</span>
              <span className="nowrap">{clock(r.createdAt)}</span>
            </span>
            <span className="muted">
              {r.done}/{r.total} runs · {r.dataset.name}
              {r.dataset.split ? `:${r.dataset.split}` : ''} <code title={`dataset hash ${r.dataset.hash}`}>{r.dataset.hash.slice(0, 8)}</code>
            </span>
            {(r.label || r.source !== 'api') && (
              <span className="muted">
                {r.label}
                {r.source !== 'api' ? ` (${r.source})` : ''}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
