// A builder for the common case: a flat object whose fields are strings (optionally one of a
// list), numbers, integers or booleans, each maybe required. Anything richer is edited as JSON.
type Obj = Record<string, unknown>;
export type FieldType = 'string' | 'number' | 'integer' | 'boolean';
export interface BuilderField {
  name: string;
  type: FieldType;
  enum: string;
  description: string;
  required: boolean;
  /** Numbers only, kept as typed. */
  minimum?: number;
  maximum?: number;
}

const TYPES: FieldType[] = ['string', 'number', 'integer', 'boolean'];
const SIMPLE_KEYS = new Set(['type', 'enum', 'description', 'minimum', 'maximum']);

/** The builder's fields when the schema is a flat object it can show, else undefined. */
export function toFields(schema: unknown): BuilderField[] | undefined {
  if (schema === undefined) return [];
  const s = schema as Obj;
  if (typeof s !== 'object' || !s || s.type !== 'object') return undefined;
  if (Object.keys(s).some((k) => !['type', 'properties', 'required', 'additionalProperties'].includes(k))) return undefined;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const out: BuilderField[] = [];
  for (const [name, raw] of Object.entries((s.properties as Obj) ?? {})) {
    const p = raw as Obj;
    if (!p || !TYPES.includes(p.type as FieldType) || Object.keys(p).some((k) => !SIMPLE_KEYS.has(k))) return undefined;
    if (p.enum && (p.type !== 'string' || !Array.isArray(p.enum))) return undefined;
    if ((p.minimum !== undefined || p.maximum !== undefined) && p.type !== 'number' && p.type !== 'integer') return undefined;
    out.push({
      name,
      type: p.type as FieldType,
      enum: Array.isArray(p.enum) ? p.enum.join(', ') : '',
      description: typeof p.description === 'string' ? p.description : '',
      required: required.has(name),
      ...(typeof p.minimum === 'number' ? { minimum: p.minimum } : {}),
      ...(typeof p.maximum === 'number' ? { maximum: p.maximum } : {}),
    });
  }
  return out;
}

export function fromFields(fields: BuilderField[]): Obj {
  const properties: Obj = {};
  for (const f of fields) {
    if (!f.name) continue;
    const values = f.enum
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    properties[f.name] = {
      type: f.type,
      ...(f.type === 'string' && values.length ? { enum: values } : {}),
      ...(f.description ? { description: f.description } : {}),
      ...(f.type !== 'string' && f.type !== 'boolean' && f.minimum !== undefined ? { minimum: f.minimum } : {}),
      ...(f.type !== 'string' && f.type !== 'boolean' && f.maximum !== undefined ? { maximum: f.maximum } : {}),
    };
  }
  const required = fields.filter((f) => f.name && f.required).map((f) => f.name);
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

export function SchemaBuilder(props: { fields: BuilderField[]; onChange: (fields: BuilderField[]) => void; testId: string }) {
  const set = (i: number, patch: Partial<BuilderField>) => props.onChange(props.fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <div className="schema-builder" data-testid={`${props.testId}-builder`}>
      {props.fields.map((f, i) => (
        <div className="schema-builder-row" key={i} data-testid={`${props.testId}-row-${i}`}>
          <input
            className="input code"
            aria-label={`Field ${i + 1} name`}
            placeholder="name"
            value={f.name}
            onChange={(e) => set(i, { name: e.target.value.trim() })}
            data-testid={`${props.testId}-name-${i}`}
          />
          <select
            className="input"
            aria-label={`Field ${i + 1} type`}
            value={f.type}
            onChange={(e) => set(i, { type: e.target.value as FieldType })}
            data-testid={`${props.testId}-type-${i}`}
          >
            {TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <label className="field-inline" title="required">
            <input
              type="checkbox"
              checked={f.required}
              onChange={(e) => set(i, { required: e.target.checked })}
              aria-label={`Field ${i + 1} required`}
            />
            req.
          </label>
          <button
            type="button"
            className="icon-btn"
            aria-label={`Remove field ${f.name || i + 1}`}
            onClick={() => props.onChange(props.fields.filter((_, j) => j !== i))}
          >
            ×
          </button>
          {(f.type === 'number' || f.type === 'integer') && (
            <div className="wide row">
              {(['minimum', 'maximum'] as const).map((k) => (
                <input
                  key={k}
                  className="input"
                  type="number"
                  aria-label={`Field ${i + 1} ${k}`}
                  placeholder={k}
                  value={f[k] ?? ''}
                  onChange={(e) => set(i, { [k]: e.target.value === '' ? undefined : Number(e.target.value) })}
                />
              ))}
            </div>
          )}
          {f.type === 'string' && (
            <input
              className="input wide"
              aria-label={`Field ${i + 1} allowed values`}
              placeholder="allowed values, comma-separated (optional)"
              value={f.enum}
              onChange={(e) => set(i, { enum: e.target.value })}
              data-testid={`${props.testId}-enum-${i}`}
            />
          )}
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small"
        data-testid={`${props.testId}-add`}
        onClick={() =>
          props.onChange([
            ...props.fields,
            { name: `field${props.fields.length + 1}`, type: 'string', enum: '', description: '', required: true },
          ])
        }
      >
        + Field
      </button>
    </div>
  );
}
