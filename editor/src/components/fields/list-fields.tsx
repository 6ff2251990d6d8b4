// Lists of objects (condition cases) and string maps (output fields), with add, remove and reorder.
import { useState } from 'react';
import type { Problem } from '../../engine';
import { CelInput } from './cel-field';
import { isCel, type JsonSchema } from './json-schema';
import { problemsAt, SchemaForm } from './schema-form';

type Obj = Record<string, unknown>;

/** A new list item: ids numbered past the existing ones, CEL expressions "false". */
function newItem(item: JsonSchema, list: Obj[]): Obj {
  const out: Obj = {};
  for (const key of item.required ?? []) {
    const p = item.properties?.[key];
    if (key === 'id') {
      let n = list.length + 1;
      while (list.some((x) => x.id === `case_${n}`)) n++;
      out.id = `case_${n}`;
    } else out[key] = isCel(p) ? 'false' : '';
  }
  return out;
}

export function ListInput(props: {
  schema: JsonSchema;
  value: unknown;
  onChange: (v: unknown) => void;
  problems: Problem[];
  path: string;
  testId: string;
}) {
  const list = Array.isArray(props.value) ? (props.value as Obj[]) : [];
  const item = props.schema.items ?? {};
  const move = (i: number, d: number) => {
    const next = [...list];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    props.onChange(next);
  };
  return (
    <div className="list">
      {list.map((v, i) => (
        <div className="list-item" key={i} data-testid={`${props.testId}-${i}`}>
          <div className="list-item-bar">
            <span className="list-item-title">#{i + 1}</span>
            <button className="icon-btn" title="Move up" disabled={i === 0} onClick={() => move(i, -1)}>
              ↑
            </button>
            <button className="icon-btn" title="Move down" disabled={i === list.length - 1} onClick={() => move(i, 1)}>
              ↓
            </button>
            <button className="icon-btn danger" title="Remove" onClick={() => props.onChange(list.filter((_, j) => j !== i))}>
              ×
            </button>
          </div>
          <SchemaForm
            schema={item}
            value={v}
            onChange={(nv) => props.onChange(list.map((x, j) => (j === i ? nv : x)))}
            problems={problemsAt(props.problems, `${props.path}[${i}]`)}
            path={`${props.path}[${i}]`}
            testId={`${props.testId}-${i}`}
          />
        </div>
      ))}
      <button className="btn btn-small" data-testid={`${props.testId}-add`} onClick={() => props.onChange([...list, newItem(item, list)])}>
        + Add
      </button>
    </div>
  );
}

/** A map of names to strings; values are CEL when the map says so. */
export function RecordInput(props: { schema: JsonSchema; value: unknown; onChange: (v: unknown) => void; testId: string }) {
  const entries = Object.entries((props.value as Record<string, string>) ?? {});
  const [newKey, setNewKey] = useState('');
  const cel = isCel(props.schema);
  const set = (next: [string, string][]) => props.onChange(next.length ? Object.fromEntries(next) : undefined);
  return (
    <div className="record">
      {entries.map(([k, v], i) => (
        <div className="record-row" key={k}>
          <code className="record-key">{k}</code>
          {cel ? (
            <CelInput
              value={v}
              testId={`${props.testId}-${k}`}
              onChange={(nv) => set(entries.map((e, j) => (j === i ? [k, nv ?? ''] : e)))}
            />
          ) : (
            <input className="input" value={v} onChange={(e) => set(entries.map((x, j) => (j === i ? [k, e.target.value] : x)))} />
          )}
          <button className="icon-btn danger" title="Remove" onClick={() => set(entries.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <div className="record-row">
        <input
          className="input"
          placeholder="new field name"
          value={newKey}
          data-testid={`${props.testId}-new`}
          onChange={(e) => setNewKey(e.target.value.trim())}
        />
        <button
          className="btn btn-small"
          disabled={!newKey || entries.some(([k]) => k === newKey)}
          onClick={() => {
            set([...entries, [newKey, cel ? 'null' : '']]);
            setNewKey('');
          }}
        >
          + Add
        </button>
      </div>
    </div>
  );
}
