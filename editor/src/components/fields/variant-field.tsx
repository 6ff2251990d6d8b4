// A union (anyOf) field: choose the variant, then fill it in. Variants are named by their
// `type` constant (response format: text | json) or by their one required key.
import type { Problem } from '../../engine';
import type { JsonSchema } from './json-schema';
import { inSchemaOrder, SchemaForm } from './schema-form';

const variantName = (s: JsonSchema) => {
  const c = s.properties?.type?.const;
  return typeof c === 'string' ? c : (s.required?.[0] ?? 'value');
};

const matches = (s: JsonSchema, value: unknown) => {
  if (!value || typeof value !== 'object') return false;
  const c = s.properties?.type?.const;
  if (c !== undefined) return (value as { type?: unknown }).type === c;
  return (s.required ?? []).every((k) => k in value);
};

/** The smallest value of a variant: its constant, and empty strings for other required keys. */
const seed = (s: JsonSchema): Record<string, unknown> =>
  Object.fromEntries((s.required ?? []).map((k) => [k, s.properties?.[k]?.const ?? '']));

export function VariantInput(props: {
  schema: JsonSchema;
  value: unknown;
  optional: boolean;
  onChange: (v: unknown) => void;
  problems: Problem[];
  path: string;
  testId: string;
}) {
  const variants = props.schema.anyOf ?? [];
  const index = variants.findIndex((v) => matches(v, props.value));
  const current = variants[index];
  const rest = current
    ? { ...current, properties: Object.fromEntries(Object.entries(current.properties ?? {}).filter(([, p]) => p.const === undefined)) }
    : undefined;
  return (
    <div className="variant">
      <select
        className="input"
        data-testid={props.testId}
        value={index < 0 ? '' : String(index)}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : seed(variants[Number(e.target.value)]))}
      >
        {(props.optional || index < 0) && <option value="">(default)</option>}
        {variants.map((v, i) => (
          <option key={i} value={i}>
            {variantName(v)}
          </option>
        ))}
      </select>
      {rest && Object.keys(rest.properties ?? {}).length > 0 && (
        <div className="nested">
          <SchemaForm
            schema={rest}
            value={props.value as Record<string, unknown>}
            onChange={(v) => props.onChange(inSchemaOrder(current, v))}
            problems={props.problems}
            path={props.path}
            testId={props.testId}
          />
        </div>
      )}
    </div>
  );
}
