// The JSON Schema field (a JSON answer's shape): a builder for flat objects with enums, or the
// schema as JSON, checked as you type against the JSON Schema meta-schema, with help and an
// example to start from.
import { useEffect, useMemo, useState } from 'react';
import type { Problem } from '../../engine';
import { fromFields, SchemaBuilder, toFields, type BuilderField } from './json-schema-builder';
import { metaSchemaErrors } from './json-schema-meta';

const EXAMPLE = {
  type: 'object',
  properties: {
    topic: { type: 'string', enum: ['technical', 'billing', 'other'] },
    confidence: { type: 'number' },
  },
  required: ['topic', 'confidence'],
};

export function JsonSchemaInput(props: {
  value: unknown;
  onChange: (v: unknown) => void;
  testId: string;
  problems?: Problem[];
  optional?: boolean;
}) {
  const fields = useMemo(() => toFields(props.value), [props.value]);
  const [mode, setMode] = useState<'builder' | 'json'>(fields ? 'builder' : 'json');
  const shown = props.value === undefined ? '' : JSON.stringify(props.value, null, 2);
  const [text, setText] = useState(shown);
  const [parseError, setParseError] = useState<string>();
  useEffect(() => {
    setText((t) => {
      try {
        if (JSON.stringify(JSON.parse(t)) === JSON.stringify(props.value)) return t;
      } catch {
        // not JSON yet: the value from outside wins
      }
      setParseError(undefined);
      return shown;
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- shown is the value's identity
  }, [shown]);
  const meta = useMemo(() => (props.value === undefined ? [] : metaSchemaErrors(props.value)), [props.value]);
  const [builderFields, setBuilderFields] = useState<BuilderField[]>(fields ?? []);
  useEffect(() => {
    if (fields && JSON.stringify(fromFields(builderFields)) !== JSON.stringify(props.value)) setBuilderFields(fields);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follow the value from outside only
  }, [fields]);

  return (
    <div className="json-schema-field" data-testid={`${props.testId}-schema-field`}>
      <div className="row">
        <div className="segmented" role="group" aria-label="Edit the schema as">
          <button
            type="button"
            className={mode === 'builder' ? 'on' : ''}
            aria-pressed={mode === 'builder'}
            disabled={!fields}
            title={fields ? '' : 'The builder shows flat objects; this schema is richer'}
            onClick={() => setMode('builder')}
            data-testid={`${props.testId}-mode-builder`}
          >
            Builder
          </button>
          <button
            type="button"
            className={mode === 'json' ? 'on' : ''}
            aria-pressed={mode === 'json'}
            onClick={() => setMode('json')}
            data-testid={`${props.testId}-mode-json`}
          >
            JSON
          </button>
        </div>
        <button type="button" className="link-btn" onClick={() => props.onChange(EXAMPLE)} data-testid={`${props.testId}-example`}>
          Insert an example
        </button>
      </div>
      {mode === 'builder' && fields ? (
        <SchemaBuilder
          fields={builderFields}
          testId={props.testId}
          onChange={(next) => {
            setBuilderFields(next);
            props.onChange(fromFields(next));
          }}
        />
      ) : (
        <textarea
          className={`input code${parseError || meta.length ? ' input-invalid' : ''}`}
          rows={Math.min(16, Math.max(5, text.split('\n').length))}
          spellCheck={false}
          data-testid={props.testId}
          aria-invalid={!!parseError || meta.length > 0}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim() === '') return props.onChange(undefined);
            try {
              props.onChange(JSON.parse(e.target.value));
              setParseError(undefined);
            } catch (err) {
              setParseError((err as Error).message);
            }
          }}
        />
      )}
      {parseError && <div className="field-error">JSON: {parseError}</div>}
      {!parseError &&
        meta.map((m) => (
          <div className="field-error" key={m} data-testid={`${props.testId}-meta-error`}>
            Not a valid JSON Schema: {m}
          </div>
        ))}
      <div className="field-help">
        The model is asked for JSON of this shape and its answer is checked against it; the parsed object becomes the node's output
        (nodes.&lt;id&gt;.output.&lt;field&gt;). Under echo, enums answer with the value the question mentions last.
      </div>
    </div>
  );
}
