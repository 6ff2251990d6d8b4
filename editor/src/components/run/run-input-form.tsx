// The run input form, generated from the flow's input declaration, pre-filled from an example.
import type { Flow, InputField } from '../../engine';

export type InputValues = Record<string, string | boolean>;

const isText = (t: InputField['type']) => t === 'string' || t === 'number' || t === 'integer';

export function valuesFromInput(flow: Flow, input: Record<string, unknown>): InputValues {
  const out: InputValues = {};
  for (const [k, f] of Object.entries(flow.input.fields)) {
    const v = input[k];
    if (v === undefined) continue;
    out[k] = f.type === 'boolean' ? v === true : isText(f.type) ? String(v) : JSON.stringify(v, null, 2);
  }
  return out;
}

/** The request input from the form; throws with the field name when JSON does not parse. */
export function inputFromValues(flow: Flow, values: InputValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(flow.input.fields)) {
    const v = values[k];
    if (v === undefined || v === '') continue;
    if (f.type === 'boolean') out[k] = v === true;
    else if (f.type === 'number' || f.type === 'integer') out[k] = Number(v);
    else if (f.type === 'string') out[k] = v;
    else {
      try {
        out[k] = JSON.parse(String(v));
      } catch {
        throw new Error(`${k}: not valid JSON`);
      }
    }
  }
  return out;
}

export function RunInputForm({ flow, values, onChange }: { flow: Flow; values: InputValues; onChange: (v: InputValues) => void }) {
  const fields = Object.entries(flow.input.fields);
  if (!fields.length) return <div className="field-help">This flow takes no input.</div>;
  return (
    <div className="run-form">
      {fields.map(([k, f]) => {
        const set = (v: string | boolean) => onChange({ ...values, [k]: v });
        const v = values[k];
        return (
          <label className="field" key={k}>
            <div className="field-label">
              {k}
              {f.required && <span className="field-required"> *</span>} <span className="field-type">{f.type}</span>
            </div>
            {f.enum ? (
              <select className="input" data-testid={`run-input-${k}`} value={String(v ?? '')} onChange={(e) => set(e.target.value)}>
                <option value="">—</option>
                {f.enum.map((o) => (
                  <option key={String(o)}>{String(o)}</option>
                ))}
              </select>
            ) : f.type === 'boolean' ? (
              <input type="checkbox" data-testid={`run-input-${k}`} checked={v === true} onChange={(e) => set(e.target.checked)} />
            ) : f.type === 'string' ? (
              <textarea
                className="input"
                rows={3}
                data-testid={`run-input-${k}`}
                value={String(v ?? '')}
                onChange={(e) => set(e.target.value)}
              />
            ) : (
              <input className="input code" data-testid={`run-input-${k}`} value={String(v ?? '')} onChange={(e) => set(e.target.value)} />
            )}
            {f.description && <div className="field-help">{f.description}</div>}
          </label>
        );
      })}
    </div>
  );
}
