// Checks a JSON Schema (a node's responseFormat schema) against the rules of the JSON Schema
// 2020-12 meta-schema's core, applicator and validation vocabularies, written out here (the
// official meta-schema is split across seven documents fetched by URL, which a Worker must not
// do), so `{"type": "objekt"}` is caught when the flow is saved, not blamed on the model later.
import { Validator, type Schema } from '@cfworker/json-schema';

const nonNegative = { type: 'integer', minimum: 0 };
const schemaArray = { type: 'array', minItems: 1, items: { $ref: '#' } };
const schemaMap = { type: 'object', additionalProperties: { $ref: '#' } };
const simpleTypes = { enum: ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'] };

const metaSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://weir.dev/schema/json-schema-meta.json',
  type: ['object', 'boolean'],
  properties: {
    // core
    $id: { type: 'string' },
    $schema: { type: 'string' },
    $ref: { type: 'string' },
    $anchor: { type: 'string', pattern: '^[A-Za-z_][-A-Za-z0-9._]*$' },
    $dynamicRef: { type: 'string' },
    $dynamicAnchor: { type: 'string' },
    $comment: { type: 'string' },
    $defs: schemaMap,
    definitions: schemaMap,
    // applicator
    prefixItems: schemaArray,
    items: { $ref: '#' },
    contains: { $ref: '#' },
    additionalProperties: { $ref: '#' },
    properties: schemaMap,
    patternProperties: { type: 'object', additionalProperties: { $ref: '#' }, propertyNames: { format: 'regex' } },
    dependentSchemas: schemaMap,
    propertyNames: { $ref: '#' },
    // if/then/else (`then` spelled as an entry: an object with a `then` key is a thenable)
    ...Object.fromEntries(['if', 'then', 'else'].map((k) => [k, { $ref: '#' }])),
    allOf: schemaArray,
    anyOf: schemaArray,
    oneOf: schemaArray,
    not: { $ref: '#' },
    unevaluatedItems: { $ref: '#' },
    unevaluatedProperties: { $ref: '#' },
    // validation
    type: { anyOf: [simpleTypes, { type: 'array', items: simpleTypes, minItems: 1, uniqueItems: true }] },
    enum: { type: 'array' },
    multipleOf: { type: 'number', exclusiveMinimum: 0 },
    maximum: { type: 'number' },
    exclusiveMaximum: { type: 'number' },
    minimum: { type: 'number' },
    exclusiveMinimum: { type: 'number' },
    maxLength: nonNegative,
    minLength: nonNegative,
    pattern: { type: 'string', format: 'regex' },
    maxItems: nonNegative,
    minItems: nonNegative,
    uniqueItems: { type: 'boolean' },
    maxContains: nonNegative,
    minContains: nonNegative,
    maxProperties: nonNegative,
    minProperties: nonNegative,
    required: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    dependentRequired: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
    // meta-data and format annotations
    title: { type: 'string' },
    description: { type: 'string' },
    deprecated: { type: 'boolean' },
    readOnly: { type: 'boolean' },
    writeOnly: { type: 'boolean' },
    examples: { type: 'array' },
    format: { type: 'string' },
  },
};

const validator = new Validator(metaSchema as unknown as Schema, '2020-12', false);

/** Problems of a JSON Schema, each with its JSON pointer inside the schema; empty when valid. */
const checked = new Map<string, { pointer: string; message: string }[]>();

export function jsonSchemaProblems(schema: unknown): { pointer: string; message: string }[] {
  // Flows are validated again and again with the same schemas (every keystroke in the editor).
  const key = JSON.stringify(schema);
  const hit = checked.get(key);
  if (hit) return hit;
  const problems = check(schema);
  if (checked.size > 200) checked.clear();
  checked.set(key, problems);
  return problems;
}

function check(schema: unknown): { pointer: string; message: string }[] {
  const result = validator.validate(schema);
  if (result.valid) return [];
  // The deepest errors say what is wrong; the ones above them only repeat "a property failed".
  const errors = result.errors.filter(
    (e) =>
      !result.errors.some(
        (o) => o !== e && o.instanceLocation.startsWith(`${e.instanceLocation}/`) && o.instanceLocation !== e.instanceLocation,
      ),
  );
  const seen = new Set<string>();
  return errors
    .map((e) => ({ pointer: e.instanceLocation.replace(/^#/, ''), message: wording(e.keywordLocation, e.error) }))
    .filter((p) => (seen.has(p.pointer) ? false : (seen.add(p.pointer), true)))
    .slice(0, 5);
}

/** Words the validator's errors for people: a bad type name says which names there are. */
function wording(keywordLocation: string, error: string): string {
  if (keywordLocation.endsWith('/properties/type/anyOf')) return `type must be one of ${simpleTypes.enum.join(', ')}`;
  return error.replace(/^Instance /, '').replace(/\.$/, '');
}
