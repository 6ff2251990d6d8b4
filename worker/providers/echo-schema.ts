// Builds the echo provider's JSON answers from a JSON Schema, deterministically: enum values the
// user mentioned, a confidence that says whether one was, and marked placeholder strings.
type Schema = Record<string, unknown>;

interface EchoContext {
  message: string;
  lower: string;
  model: string;
  /** Some string enum in the schema is mentioned in the message. */
  matched: boolean;
}

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const clamp = (n: number, s: Schema) =>
  Math.min(typeof s.maximum === 'number' ? s.maximum : Infinity, Math.max(typeof s.minimum === 'number' ? s.minimum : -Infinity, n));

/** The string enum value whose last mention in the message comes last; null when none is mentioned. */
export function mentionedLast(values: readonly unknown[], lowerMessage: string): string | null {
  let best: string | null = null;
  let bestAt = -1;
  for (const v of values) {
    if (typeof v !== 'string' || v === '') continue;
    const at = lowerMessage.lastIndexOf(v.toLowerCase());
    if (at > bestAt || (at === bestAt && at >= 0 && best !== null && v.length > best.length)) {
      best = v;
      bestAt = at;
    }
  }
  return bestAt >= 0 ? best : null;
}

function subschemas(s: Schema): Schema[] {
  const out: unknown[] = [s.items, ...Object.values(isSchema(s.properties) ? s.properties : {})];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) if (Array.isArray(s[key])) out.push(...(s[key] as unknown[]));
  return out.filter(isSchema);
}

function anyEnumMentioned(s: Schema, lower: string): boolean {
  if (Array.isArray(s.enum) && mentionedLast(s.enum, lower) !== null) return true;
  return subschemas(s).some((sub) => anyEnumMentioned(sub, lower));
}

function build(s: Schema, key: string, ctx: EchoContext): unknown {
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return mentionedLast(s.enum, ctx.lower) ?? s.enum[0];
  const variants = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(variants)) {
    const pick = variants.filter(isSchema).find((v) => v.type !== 'null') ?? variants.find(isSchema);
    if (pick) return build(pick, key, ctx);
  }
  const types = Array.isArray(s.type) ? s.type : [s.type];
  const type = types.find((t) => t !== 'null') ?? types[0] ?? (s.properties ? 'object' : s.items ? 'array' : 'string');
  switch (type) {
    case 'object': {
      const props = isSchema(s.properties) ? s.properties : {};
      return Object.fromEntries(
        Object.entries(props)
          .filter(([, v]) => isSchema(v))
          .map(([k, v]) => [k, build(v as Schema, k, ctx)]),
      );
    }
    case 'array': {
      const min = typeof s.minItems === 'number' ? s.minItems : 0;
      const length = Math.min(Math.max(1, min), typeof s.maxItems === 'number' ? s.maxItems : Infinity);
      return Array.from({ length }, () => build(isSchema(s.items) ? s.items : {}, key, ctx));
    }
    case 'number':
    case 'integer': {
      const n = /confidence/i.test(key) ? (ctx.matched ? 0.9 : 0.5) : 0;
      return type === 'integer' ? Math.ceil(clamp(Math.round(n), s)) : clamp(n, s);
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default: {
      const text = `[echo ${ctx.model}] ${ctx.message.replace(/\s+/g, ' ').trim().slice(0, 60)}`.trim();
      return typeof s.maxLength === 'number' ? text.slice(0, s.maxLength) : text;
    }
  }
}

/** A value for `schema` built from the last user message. */
export function echoFromSchema(schema: Schema, message: string, model: string): unknown {
  const lower = message.toLowerCase();
  return build(schema, '', { message, lower, model, matched: anyEnumMentioned(schema, lower) });
}
