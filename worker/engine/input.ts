// checkInput: the request input against the flow's input declaration (types, required fields,
// enums, lengths, unknown fields), every problem with its JSON path.
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

export function checkInput(flow: Pick<Flow, 'input'>, input: unknown): Problem[] {
  const problems: Problem[] = [];
  const add = (message: string, path: PropertyKey[]) =>
    problems.push({ code: 'invalid_input', message, path: jsonPath(['input', ...path]), severity: 'error' });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    add('input must be a JSON object', []);
    return problems;
  }
  const record = input as Record<string, unknown>;
  const fields = flow.input.fields;
  for (const [name, field] of Object.entries(fields)) {
    const value = record[name];
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
      if (!declared.includes(name)) add(`unknown input field "${name}" (declared: ${declared.join(', ')})`, [name]);
  }
  return problems;
}
