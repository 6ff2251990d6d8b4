// Renders a node's data form from its declared schema (as JSON Schema): one control per
// property, chosen from the schema and its description (CEL, template, prompt, enum, number...).
import type { Problem } from '../../engine';
import { EnumSelect, JsonInput, NumberInput, TextInput } from './basic-fields';
import { CelInput } from './cel-field';
import { FieldShell } from './field-shell';
import { humanize, isCel, isTemplate, type JsonSchema } from './json-schema';
import { JsonSchemaInput } from './json-schema-field';
import { ListInput, RecordInput } from './list-fields';
import { ModelInput } from './model-field';
import { PromptInput } from './prompt-field';
import { ProviderInput } from './provider-field';
import { TemplateInput } from './template-field';
import { VariantInput } from './variant-field';

type Obj = Record<string, unknown>;

export interface FormProps {
  schema: JsonSchema;
  value: Obj;
  onChange: (next: Obj, key: string) => void;
  /** Problems of this node; `path` is this form's JSON path, e.g. "$.nodes[2].data". */
  problems: Problem[];
  path: string;
  testId: string;
}

export const problemsAt = (problems: Problem[], path: string) =>
  problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`));

/**
 * Syntax errors of CEL and Mustache fields are shown by the field itself as you type (the same
 * parser as the validator), so the validator's copy of the same message is not repeated.
 */
const LIVE_CHECKED = new Set(['expression_syntax', 'template_syntax']);
export const shownProblems = (problems: Problem[]) => problems.filter((p) => !LIVE_CHECKED.has(p.code));

/** Sets one field, keeping keys in the schema's order so nested objects are written canonically. */
export function withField(schema: JsonSchema, value: Obj, key: string, v: unknown): Obj {
  return inSchemaOrder(schema, { ...value, [key]: v });
}

export function inSchemaOrder(schema: JsonSchema, merged: Obj): Obj {
  const order = [...Object.keys(schema.properties ?? {}), ...Object.keys(merged)];
  const next: Obj = {};
  for (const k of order) if (!(k in next) && merged[k] !== undefined) next[k] = merged[k];
  return next;
}

export function SchemaForm({ schema, value, onChange, problems, path, testId }: FormProps) {
  const required = new Set(schema.required ?? []);
  return (
    <div className="schema-form">
      {Object.entries(schema.properties ?? {}).map(([key, s]) => {
        const set = (v: unknown) => onChange(withField(schema, value, key, v), key);
        const fieldPath = `${path}.${key}`;
        const own = problemsAt(problems, fieldPath);
        const nested = s.type === 'array' || (s.type === 'object' && s.properties);
        return (
          <FieldShell
            key={key}
            label={humanize(key)}
            help={s.description}
            required={required.has(key)}
            problems={shownProblems(nested ? own.filter((p) => p.path === fieldPath) : own)}
          >
            <FieldControl
              name={key}
              schema={s}
              value={value[key]}
              optional={!required.has(key)}
              set={set}
              problems={own}
              path={fieldPath}
              testId={`${testId}-${key}`}
            />
          </FieldShell>
        );
      })}
    </div>
  );
}

/** Hints for empty optional text fields, which otherwise look unfinished. */
const PLACEHOLDERS: Record<string, string> = {
  provider: 'default',
  model: 'e.g. gpt-4o-mini',
  baseModel: 'e.g. gpt-4o-mini-2024-07-18',
  label: 'shown on the handle',
};

export function FieldControl(props: {
  name: string;
  schema: JsonSchema;
  value: unknown;
  optional: boolean;
  set: (v: unknown) => void;
  problems: Problem[];
  path: string;
  testId: string;
}) {
  const { name, schema: s, value, set, testId } = props;
  // Placeholder wiring for the editor branch; the engine branch maps `.meta({ widget })` instead.
  if (name === 'provider')
    return <ProviderInput value={value} onChange={set} testId={testId} problems={props.problems} optional={props.optional} />;
  if (name === 'model' || name === 'baseModel')
    return <ModelInput value={value} onChange={set} testId={testId} problems={props.problems} optional={props.optional} />;
  if (name === 'schema' && props.path.endsWith('responseFormat.schema'))
    return <JsonSchemaInput value={value} onChange={set} testId={testId} problems={props.problems} optional={props.optional} />;
  if (name === 'prompt' && s.anyOf) return <PromptInput value={value} optional={props.optional} onChange={set} problems={props.problems} />;
  if (s.anyOf)
    return (
      <VariantInput
        schema={s}
        value={value}
        optional={props.optional}
        onChange={set}
        problems={props.problems}
        path={props.path}
        testId={testId}
      />
    );
  if (s.enum) return <EnumSelect value={value} options={s.enum} optional={props.optional} onChange={set} testId={testId} />;
  switch (s.type) {
    case 'string':
      if (isCel(s)) return <CelInput value={value} onChange={set} testId={testId} />;
      if (isTemplate(name, s)) return <TemplateInput value={value} onChange={set} testId={testId} rows={name === 'system' ? 3 : 5} />;
      return <TextInput value={value} onChange={set} testId={testId} placeholder={PLACEHOLDERS[name]} />;
    case 'number':
    case 'integer':
      return <NumberInput value={value} schema={s} onChange={set} testId={testId} />;
    case 'boolean':
      return <input type="checkbox" data-testid={testId} checked={value === true} onChange={(e) => set(e.target.checked || undefined)} />;
    case 'array':
      return <ListInput schema={s} value={value} onChange={set} problems={props.problems} path={props.path} testId={testId} />;
    case 'object':
      if (s.properties) {
        return (
          <SchemaForm
            schema={s}
            value={(value as Obj) ?? {}}
            onChange={(v) => set(v)}
            problems={props.problems}
            path={props.path}
            testId={testId}
          />
        );
      }
      if (s.additionalProperties && typeof s.additionalProperties === 'object' && s.additionalProperties.type === 'string') {
        return <RecordInput schema={s} value={value} onChange={set} testId={testId} />;
      }
      return <JsonInput value={value} onChange={set} testId={testId} />;
    default:
      return <JsonInput value={value} onChange={set} testId={testId} />;
  }
}
