// Plain controls: text, number, enum, boolean and free JSON. Empty optional values are removed.
import { useEffect, useState } from 'react';
import type { JsonSchema } from './json-schema';

export function TextInput(props: { value: unknown; onChange: (v: string | undefined) => void; placeholder?: string; testId?: string }) {
  return (
    <input
      className="input"
      data-testid={props.testId}
      value={typeof props.value === 'string' ? props.value : ''}
      placeholder={props.placeholder}
      onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
    />
  );
}

export function NumberInput(props: { value: unknown; schema: JsonSchema; onChange: (v: number | undefined) => void; testId?: string }) {
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  useEffect(
    () => setText((t) => (Number(t) === props.value && t !== '' ? t : props.value === undefined ? '' : String(props.value))),
    [props.value],
  );
  return (
    <input
      className="input"
      type="number"
      data-testid={props.testId}
      step={props.schema.type === 'integer' ? 1 : 0.1}
      min={props.schema.minimum}
      max={props.schema.maximum}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value === '') props.onChange(undefined);
        else if (Number.isFinite(n)) props.onChange(n);
      }}
    />
  );
}

export function EnumSelect(props: {
  value: unknown;
  options: (string | number)[];
  optional: boolean;
  onChange: (v: string | number | undefined) => void;
  testId?: string;
}) {
  return (
    <select
      className="input"
      data-testid={props.testId}
      value={props.value === undefined ? '' : String(props.value)}
      onChange={(e) => props.onChange(e.target.value === '' ? undefined : props.options.find((o) => String(o) === e.target.value))}
    >
      {props.optional && <option value="">(default)</option>}
      {props.options.map((o) => (
        <option key={String(o)} value={String(o)}>
          {String(o)}
        </option>
      ))}
    </select>
  );
}

/** Free JSON (e.g. a response schema): kept as text while it does not parse. */
export function JsonInput(props: { value: unknown; onChange: (v: unknown) => void; testId?: string; rows?: number }) {
  const shown = props.value === undefined ? '' : JSON.stringify(props.value, null, 2);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setText((t) => {
      try {
        if (JSON.stringify(JSON.parse(t)) === JSON.stringify(props.value)) return t;
      } catch {
        // not JSON yet: replace with the value from outside
      }
      setError(undefined);
      return shown;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- shown is the value's identity
  }, [shown]);
  return (
    <>
      <textarea
        className="input code"
        rows={props.rows ?? 5}
        data-testid={props.testId}
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') return props.onChange(undefined);
          try {
            props.onChange(JSON.parse(e.target.value));
            setError(undefined);
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      />
      {error && <div className="field-error">JSON: {error}</div>}
    </>
  );
}
