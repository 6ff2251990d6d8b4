// Redaction before a run is stored: named input fields are dropped or masked, and their string
// values are masked wherever else they appear (rendered prompts, node outputs, the answer), since
// templates copy input into messages.
import type { Redaction } from './settings';

export const MASK = '[redacted]';

export interface Redactor {
  input(input: Record<string, unknown>): Record<string, unknown>;
  /** Masks the redacted fields' values inside any JSON value. */
  value<T>(value: T): T;
}

function stringsOf(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length >= 3) out.add(value); // shorter values would mask ordinary words
  } else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
}

function maskDeep(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string') return secrets.reduce((text, s) => (text.includes(s) ? text.split(s).join(MASK) : text), value);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, secrets));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, secrets)]));
  return value;
}

export function redactor(rules: Redaction[], input: Record<string, unknown>): Redactor {
  const found = new Set<string>();
  for (const r of rules) if (Object.hasOwn(input, r.field)) stringsOf(input[r.field], found);
  // Longest first, so a value containing another is masked whole.
  const secrets = [...found].sort((a, b) => b.length - a.length);
  return {
    input(raw) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(raw)) {
        const rule = rules.find((r) => r.field === k);
        if (!rule) out[k] = secrets.length ? maskDeep(v, secrets) : v;
        else if (rule.how === 'mask') out[k] = MASK;
      }
      return out;
    },
    value: (value) => (secrets.length ? (maskDeep(value, secrets) as typeof value) : value),
  };
}
