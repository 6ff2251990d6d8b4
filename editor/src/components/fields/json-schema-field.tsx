// Placeholder for the editor helper's JSON Schema editor (the lead keeps their version): JSON
// text checked against the JSON Schema meta-schema by the engine's own check.
import { jsonSchemaProblems, type Problem } from '../../engine';
import { JsonInput } from './basic-fields';

export function JsonSchemaInput(props: {
  value: unknown;
  onChange: (v: unknown) => void;
  testId: string;
  problems?: Problem[];
  optional?: boolean;
}) {
  const problems = props.value === undefined ? [] : jsonSchemaProblems(props.value);
  return (
    <div>
      <JsonInput value={props.value} onChange={props.onChange} testId={props.testId} rows={6} />
      {problems.map((p) => (
        <div className="field-error" key={p.pointer}>
          {p.pointer || '/'}: {p.message}
        </div>
      ))}
    </div>
  );
}
