// New weights for a running (or draft) experiment. The update names the experiment version it
// was read at, so a change made meanwhile by someone else is refused (409) instead of lost.
import { useEffect, useState } from 'react';
import { experimentsApi, type Experiment } from './experiments-api';

export function WeightsEditor({ experiment: exp, onSaved }: { experiment: Experiment; onSaved: () => void }) {
  const initial = () => Object.fromEntries(exp.arms.map((a) => [a.name, String(a.weight)]));
  const [weights, setWeights] = useState<Record<string, string>>(initial);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new version of the experiment resets the inputs
  useEffect(() => setWeights(initial()), [exp.version]);
  const changed = exp.arms.some((a) => String(a.weight) !== weights[a.name]);
  const numbers = Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, Number(v)]));
  const valid = Object.values(numbers).every((n) => Number.isFinite(n) && n >= 0 && n <= 1000) && Object.values(numbers).some((n) => n > 0);
  const total = Object.values(numbers).reduce((s, n) => s + (Number.isFinite(n) ? n : 0), 0);
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await experimentsApi.weights(exp.id, exp.version, numbers);
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card weights" onSubmit={(e) => (e.preventDefault(), void save())} aria-label="Weights" data-testid="weights-editor">
      <h3 className="section-title">Weights</h3>
      <div className="weights-row">
        {exp.arms.map((a) => (
          <label key={a.name} className="weight-field">
            <span>{a.name}</span>
            <input
              className="input input-narrow"
              type="number"
              min={0}
              max={1000}
              value={weights[a.name] ?? ''}
              onChange={(e) => setWeights((w) => ({ ...w, [a.name]: e.target.value }))}
              data-testid={`weight-${a.name}`}
            />
            <span className="muted">{total > 0 ? `${Math.round(((numbers[a.name] || 0) / total) * 1000) / 10}%` : ''}</span>
          </label>
        ))}
        <button className="btn" disabled={!changed || !valid || busy} data-testid="save-weights">
          Save weights
        </button>
      </div>
      <div className="field-help">Changing weights moves some subjects to another arm; results keep what each arm served.</div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
