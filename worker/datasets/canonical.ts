// Canonical key order from a zod schema, at every depth the schema describes: declared keys in
// declaration order, unknown keys after, sorted; free-form values keep their order. Used by the
// dataset and eval formatters so files diff cleanly.
import * as z from 'zod';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return s;
  }
}

export function orderBySchema(value: unknown, schema: z.ZodType | undefined): unknown {
  const s = schema && unwrap(schema);
  if (Array.isArray(value)) return s instanceof z.ZodArray ? value.map((v) => orderBySchema(v, s.element as z.ZodType)) : value;
  if (!isObj(value) || !s) return value;
  if (s instanceof z.ZodUnion) {
    const options = s.options as z.ZodType[];
    const fits = options.find((o) => {
      const u = unwrap(o);
      if (!(u instanceof z.ZodObject)) return false;
      const shape = u.shape as Record<string, z.ZodType>;
      const literal = shape.type && unwrap(shape.type);
      if (literal instanceof z.ZodLiteral && 'type' in value) return literal.values.has(value.type as never);
      return Object.keys(value).every((k) => k in shape);
    });
    return fits ? orderBySchema(value, fits) : value;
  }
  if (s instanceof z.ZodRecord)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, orderBySchema(v, s.valueType as z.ZodType)]));
  if (!(s instanceof z.ZodObject)) return value;
  const shape = s.shape as Record<string, z.ZodType>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(shape)) if (k in value && value[k] !== undefined) out[k] = orderBySchema(value[k], shape[k]);
  for (const k of Object.keys(value)
    .filter((k) => !(k in shape))
    .sort())
    if (value[k] !== undefined) out[k] = value[k];
  return out;
}
