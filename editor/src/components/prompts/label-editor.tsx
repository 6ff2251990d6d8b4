// Labels such as production and staging: where each points, and moving or removing them.
import { useState } from 'react';
import { api } from '../../api/endpoints';

const COMMON = ['production', 'staging'];

export function LabelEditor({
  name,
  labels,
  versions,
  onChanged,
}: {
  name: string;
  labels: Record<string, number>;
  versions: number[];
  onChanged: () => void;
}) {
  const [error, setError] = useState<string>();
  const [newLabel, setNewLabel] = useState('');
  const all = [...new Set([...COMMON, ...Object.keys(labels)])];
  const run = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="labels" data-testid="labels">
      <div className="field-label">Labels</div>
      <div className="label-grid">
        {all.map((l) => (
          <div className="label-row" key={l}>
            <span className={`label-pill label-${l}`}>{l}</span>
            <select
              className="input input-narrow"
              data-testid={`label-${l}`}
              value={labels[l] ?? ''}
              onChange={(e) => void run(() => (e.target.value ? api.setLabel(name, l, Number(e.target.value)) : api.removeLabel(name, l)))}
            >
              <option value="">(not set)</option>
              {versions.map((v) => (
                <option key={v} value={v}>
                  version {v}
                </option>
              ))}
            </select>
          </div>
        ))}
        <form
          className="label-row"
          onSubmit={(e) => (
            e.preventDefault(),
            versions.length && void run(() => api.setLabel(name, newLabel, versions[versions.length - 1])),
            setNewLabel('')
          )}
        >
          <input
            className="input input-narrow"
            placeholder="other label"
            value={newLabel}
            onChange={(e) => setNewLabel(e.target.value.toLowerCase().replace(/[^a-z0-9_-]/g, ''))}
          />
          <button className="btn btn-small" disabled={!/^[a-z][a-z0-9_-]*$/.test(newLabel) || !versions.length}>
            Add
          </button>
        </form>
      </div>
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}
