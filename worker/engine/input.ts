// checkInput: the request input against the flow's input declaration (types, required fields,
// enums, lengths, unknown fields, list sizes), every problem with its JSON path. Own properties
// only: a field named `constructor` or `toString` is simply absent when the caller omits it.
import { WeirError } from './errors';
import { defaultEvalLimits, type EvalLimits } from './limits';
import { jsonPath, type Problem } from './problems';
import type { Flow, InputField } from './schema';

function typeOk(field: InputField, value: unknown): boolean {
  switch (field.type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/** The path of the first list (or object) longer than `max` anywhere in the value; iterative. */
function oversized(value: unknown, max: number): { path: PropertyKey[]; size: number } | undefined {
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    const entries: [PropertyKey, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    if (entries.length > max) return { path, size: entries.length };
    for (const [k, x] of entries) if (typeof x === 'object' && x !== null) stack.push({ v: x, path: [...path, k] });
  }
  return undefined;
}

export function checkInput(
  flow: Pick<Flow, 'input'>,
  input: unknown,
  limits: Pick<EvalLimits, 'maxInputListItems'> = defaultEvalLimits,
): Problem[] {
  const problems: Problem[] = [];
  const add = (message: string, path: PropertyKey[], code = 'invalid_input') =>
    problems.push({ code, message, path: jsonPath(['input', ...path]), severity: 'error' });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    add('input must be a JSON object', []);
    return problems;
  }
  const big = oversized(input, limits.maxInputListItems);
  if (big) {
    add(`has ${big.size} items; the limit is ${limits.maxInputListItems}`, big.path, 'input_too_large');
    return problems;
  }
  const record = input as Record<string, unknown>;
  const fields = flow.input.fields;
  for (const [name, field] of Object.entries(fields)) {
    const value = Object.hasOwn(record, name) ? record[name] : undefined;
    if (value === undefined || value === null) {
      if (field.required) add(`"${name}" is required`, [name]);
      continue;
    }
    if (!typeOk(field, value)) add(`"${name}" must be ${field.type === 'integer' ? 'an integer' : `a ${field.type}`}`, [name]);
    else if (field.enum && !field.enum.includes(value as string | number))
      add(`"${name}" must be one of ${field.enum.map((v) => JSON.stringify(v)).join(', ')}`, [name]);
    else if (field.maxLength && typeof value === 'string' && value.length > field.maxLength)
      add(`"${name}" is longer than ${field.maxLength} characters`, [name]);
  }
  const declared = Object.keys(fields);
  if (declared.length > 0) {
    for (const name of Object.keys(record))
      if (!Object.hasOwn(fields, name)) add(`unknown input field "${name}" (declared: ${declared.join(', ')})`, [name]);
  }
  return problems;
}

/** The typed error for input problems: 413 input_too_large when a list is past the limit, else 400 invalid_input. */
export function inputError(problems: Problem[]): WeirError {
  const code = problems.some((p) => p.code === 'input_too_large') ? 'input_too_large' : 'invalid_input';
  return new WeirError(code, problems.map((p) => `${p.path}: ${p.message}`).join('; '), { details: { issues: problems } });
}
