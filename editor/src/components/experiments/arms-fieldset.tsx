// The arms of a new experiment: each a published version or a label with a weight, its share of
// the traffic, and an arm's default name following its version.
import type { Dispatch, SetStateAction } from 'react';
import type { ArmInput as ArmRow } from './form-checks';

export const armNameOf = (ref: string) => (/^\d+$/.test(ref) ? `v${ref}` : ref.replace(/[^a-z0-9_-]/g, '-').slice(0, 32));

export function ArmsFieldset({
  arms,
  setArms,
  refs,
}: {
  arms: ArmRow[];
  setArms: Dispatch<SetStateAction<ArmRow[]>>;
  refs: { value: string; label: string }[];
}) {
  const total = arms.reduce((s, a) => s + (Number(a.weight) || 0), 0);
  const setArm = (i: number, patch: Partial<ArmRow>) =>
    setArms((list) =>
      list.map((a, j) =>
        j === i ? { ...a, ...patch, ...(patch.ref !== undefined && a.name === armNameOf(a.ref) ? { name: armNameOf(patch.ref) } : {}) } : a,
      ),
    );
  return (
    <fieldset className="arms-fieldset">
      <legend className="field-label">Arms: the first is the control</legend>
      <table className="table arms-table">
        <thead>
          <tr>
            <th>Arm</th>
            <th>Runs version or label</th>
            <th>Weight</th>
            <th>Share</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {arms.map((a, i) => (
            <tr key={i} data-testid={`arm-row-${i}`}>
              <td>
                <input
                  className="input code"
                  aria-label={`Arm ${i + 1} name`}
                  value={a.name}
                  onChange={(e) => setArm(i, { name: e.target.value })}
                />
              </td>
              <td>
                <select
                  className="input"
                  aria-label={`Arm ${i + 1} version or label`}
                  value={a.ref}
                  onChange={(e) => setArm(i, { ref: e.target.value })}
                  data-testid={`arm-ref-${i}`}
                >
                  {!refs.some((r) => r.value === a.ref) && <option value={a.ref}>{a.ref} (unknown)</option>}
                  {refs.map((r) => (
                    <option key={r.value} value={r.value}>
                      {r.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  className="input input-narrow"
                  type="number"
                  min={0}
                  max={1000}
                  aria-label={`Arm ${i + 1} weight`}
                  value={a.weight}
                  onChange={(e) => setArm(i, { weight: e.target.value })}
                  data-testid={`arm-weight-${i}`}
                />
              </td>
              <td className="num">{total > 0 ? `${Math.round(((Number(a.weight) || 0) / total) * 1000) / 10}%` : '—'}</td>
              <td>
                {arms.length > 2 && (
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() => setArms((l) => l.filter((_, j) => j !== i))}
                    aria-label={`Remove arm ${a.name}`}
                  >
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {arms.length < 8 && (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setArms((l) => [...l, { name: `arm${l.length + 1}`, ref: refs[0]?.value ?? '1', weight: '0' }])}
        >
          Add an arm
        </button>
      )}
    </fieldset>
  );
}
