// Edits the flow's input declaration: field name, type, required, description, allowed values.
import { useState } from 'react';
import type { Flow, InputField } from '../../engine';
import { useEditor } from '../../state/use-editor';

const TYPES: InputField['type'][] = ['string', 'number', 'integer', 'boolean', 'object', 'array'];

export function InputFieldsEditor() {
  const ed = useEditor();
  const fields = Object.entries(ed.flow.input.fields);
  const [name, setName] = useState('');
  const write = (next: [string, InputField][], key: string) =>
    ed.update((f): Flow => ({ ...f, input: { ...f.input, fields: Object.fromEntries(next) } }), `input:${key}`);
  const patch = (i: number, p: Partial<InputField>) =>
    write(
      fields.map((e, j) => (j === i ? [e[0], clean({ ...e[1], ...p })] : e)),
      `${i}`,
    );
  return (
    <div className="field" data-testid="input-fields">
      <div className="field-label">Input fields</div>
      {fields.length === 0 && <div className="field-help">No input fields: callers send an empty object.</div>}
      {fields.map(([key, field], i) => (
        <div className="input-field-row" key={key}>
          <code className="record-key">{key}</code>
          <select
            className="input input-narrow"
            value={field.type}
            onChange={(e) => patch(i, { type: e.target.value as InputField['type'] })}
          >
            {TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <label className="field-inline" title="required">
            <input
              type="checkbox"
              checked={field.required === true}
              onChange={(e) => patch(i, { required: e.target.checked || undefined })}
            />{' '}
            req.
          </label>
          <button
            className="icon-btn danger"
            title="Remove"
            onClick={() =>
              write(
                fields.filter((_, j) => j !== i),
                'remove',
              )
            }
          >
            ×
          </button>
          <input
            className="input input-wide"
            placeholder="description"
            value={field.description ?? ''}
            onChange={(e) => patch(i, { description: e.target.value || undefined })}
          />
          {field.type === 'string' && (
            <input
              className="input input-wide"
              placeholder="allowed values, comma-separated (optional)"
              defaultValue={field.enum?.join(', ') ?? ''}
              onBlur={(e) => {
                const values = e.target.value
                  .split(',')
                  .map((v) => v.trim())
                  .filter(Boolean);
                patch(i, { enum: values.length ? values : undefined });
              }}
            />
          )}
        </div>
      ))}
      <div className="record-row">
        <input
          className="input"
          placeholder="new field name"
          data-testid="input-field-new"
          value={name}
          onChange={(e) => setName(e.target.value.trim())}
        />
        <button
          className="btn btn-small"
          data-testid="input-field-add"
          disabled={!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || fields.some(([k]) => k === name)}
          onClick={() => {
            write([...fields, [name, { type: 'string' }]], 'add');
            setName('');
          }}
        >
          + Add
        </button>
      </div>
    </div>
  );
}

const clean = (f: InputField): InputField => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as InputField;
