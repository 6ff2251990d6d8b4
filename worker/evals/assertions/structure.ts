// Structure checks: the output is JSON (a parsed object, or text that parses), optionally
// against a JSON Schema (2020-12, @cfworker/json-schema: no code generation).
import { Validator } from '@cfworker/json-schema';
import { verdict } from './context';

export function parseJsonOutput(output: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof output !== 'string') return output === undefined ? { ok: false } : { ok: true, value: output };
  const body = output.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1');
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

export function jsonCheck(output: unknown, schema?: Record<string, unknown>) {
  const parsed = parseJsonOutput(output);
  if (!parsed.ok) return verdict(false, 'the output is not JSON');
  if (!schema) return verdict(true, 'the output is JSON');
  const result = new Validator(schema as never, '2020-12', false).validate(parsed.value);
  if (result.valid) return verdict(true, 'the output matches the schema');
  const first = result.errors
    .slice(0, 2)
    .map((e) => `${e.instanceLocation} ${e.error}`)
    .join('; ');
  return verdict(false, `the output does not match the schema: ${first}`);
}
