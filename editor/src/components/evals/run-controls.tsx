// Start a run of the eval (repeats, the first N items, a label) and, while one runs, its live
// progress with a Cancel button.
import { useState } from 'react';
import { evalsApi, finished, type EvalRunSummary, type StartBody } from './evals-api';

export function RunControls(props: { evalName: string; defaultRepeats?: number; onStarted: (run: EvalRunSummary) => void }) {
  const [repeats, setRepeats] = useState('');
  const [limit, setLimit] = useState('');
  const [label, setLabel] = useState('');
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();
  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));
  const bad = [repeats, limit].some((v) => v.trim() !== '' && !(Number.isInteger(Number(v)) && Number(v) >= 1));
  async function start() {
    setStarting(true);
    setError(undefined);
    try {
      const body: StartBody = { eval: props.evalName };
      if (num(repeats)) body.repeats = num(repeats);
      if (num(limit)) body.limit = num(limit);
      if (label.trim()) body.label = label.trim();
      props.onStarted(await evalsApi.start(body));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setStarting(false);
    }
  }
  return (
    <div className="run-controls" data-testid="eval-run-controls">
      <label>
        repeats
        <input className="input input-tiny" type="number" min={1} data-testid="eval-repeats" placeholder={String(props.defaultRepeats ?? 1)} value={repeats} onChange={(e) => setRepeats(e.target.value)} />
      </label>
      <label>
        first
        <input className="input input-tiny" type="number" min={1} data-testid="eval-limit" placeholder="all" value={limit} onChange={(e) => setLimit(e.target.value)} />
        items
      </label>
      <input className="input input-narrow" aria-label="Label for this run" placeholder="label (optional)" value={label} onChange={(e) => setLabel(e.target.value)} />
      <button className="btn btn-primary" data-testid="eval-run" disabled={starting || bad} onClick={() => void start()} title="Run the eval in the worker (a Workflow)">
        {starting ? 'Starting…' : 'Run'}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function Progress(props: { run: EvalRunSummary; streaming: boolean; onCancelled: () => void }) {
  const { run } = props;
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string>();
  const share = run.total ? run.done / run.total : 0;
  const cancel = async () => {
    setCancelling(true);
    try {
      await evalsApi.cancel(run.id);
      props.onCancelled();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setCancelling(false);
    }
  };
  return (
    <div className={`eval-progress status-${run.status}`} data-testid="eval-progress" data-run={run.id} data-status={run.status} data-done={run.done} data-total={run.total}>
      <div className="eval-progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={run.total} aria-valuenow={run.done} aria-label="Eval progress">
        <div style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <span data-testid="eval-progress-text">
        {run.done} / {run.total} runs · {run.status}
        {props.streaming ? ' · live' : ''}
      </span>
      {!finished(run.status) && (
        <button className="btn btn-small btn-danger" data-testid="eval-cancel" disabled={cancelling} onClick={() => void cancel()}>
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
      {run.error && <span className="field-error">{run.error}</span>}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
