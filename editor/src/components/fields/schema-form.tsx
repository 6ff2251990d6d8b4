// Renders a node's data form from its declared schema (as JSON Schema): one control per
// property, chosen from the widget the node type declares (`.meta({ widget })`, carried into the
// JSON Schema as `widget`), else from the schema's structure. Never from descriptions or names.
import type { Problem, Widget } from '../../engine';
import { EnumSelect, JsonInput, NumberInput, TextInput } from './basic-fields';
import { CelInput } from './cel-field';
import { FieldShell } from './field-shell';
import { humanize, type JsonSchema } from './json-schema';
import { JsonSchemaInput } from './json-schema-field';
import { ListInput, RecordInput } from './list-fields';
import { ModelInput } from './model-field';
import { FinetunedModelInput } from '../finetunes/finetuned-model-field';
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

type ControlProps = {
  name: string;
  schema: JsonSchema;
  value: unknown;
  optional: boolean;
  set: (v: unknown) => void;
  problems: Problem[];
  path: string;
  testId: string;
};

/** The control for a declared widget (the node type's `.meta({ widget })`); undefined when none is declared. */
function WidgetControl(props: ControlProps & { widget: Widget }) {
  const { schema: s, value, set, testId, optional, problems, path } = props;
  const shared = { value, onChange: set, testId, problems, optional };
  switch (props.widget) {
    case 'prompt-ref':
      return <PromptInput value={value} optional={optional} onChange={set} problems={problems} />;
    case 'cel':
      return <CelInput value={value} onChange={set} testId={testId} />;
    case 'template':
      return <TemplateInput value={value} onChange={set} testId={testId} rows={optional ? 3 : 5} />;
    case 'textarea':
      return (
        <textarea
          className="input"
          rows={4}
          data-testid={testId}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
        />
      );
    case 'model':
      return <ModelInput {...shared} />;
    case 'finetuned-model':
      return <FinetunedModelInput {...shared} />;
    case 'provider':
      return <ProviderInput {...shared} />;
    case 'json-schema':
      return <JsonSchemaInput {...shared} />;
    case 'number':
      return <NumberInput value={value} schema={s} onChange={set} testId={testId} />;
    case 'boolean':
      return <input type="checkbox" data-testid={testId} checked={value === true} onChange={(e) => set(e.target.checked || undefined)} />;
    case 'enum':
      return <EnumSelect value={value} options={s.enum ?? []} optional={optional} onChange={set} testId={testId} />;
    case 'list':
    case 'cases':
      return <ListInput schema={s} value={value} onChange={set} problems={problems} path={path} testId={testId} />;
    case 'fields':
      return <RecordInput schema={s} value={value} onChange={set} testId={testId} />;
    case 'json':
      return <JsonInput value={value} onChange={set} testId={testId} />;
    case 'text':
      return <TextInput value={value} onChange={set} testId={testId} />;
  }
}

/** Without a declared widget, the control follows the schema's structure (a union, an object, a list ...). */
export function FieldControl(props: ControlProps) {
  const { schema: s, value, set, testId } = props;
  if (s.widget) return <WidgetControl {...props} widget={s.widget} />;
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
      return <TextInput value={value} onChange={set} testId={testId} />;
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
      return <JsonInput value={value} onChange={set} testId={testId} />;
    default:
      return <JsonInput value={value} onChange={set} testId={testId} />;
  }
}
