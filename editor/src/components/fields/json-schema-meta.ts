// Checks a JSON Schema against the JSON Schema meta-schema (draft-07, with 2020-12's $defs), with
// the validator the engine already uses, and words the errors for people: "$.properties.topic.type:
// must be one of array, boolean, ...".
import { Validator } from '@cfworker/json-schema';

const ref = { $ref: '#' };
const nonNegative = { type: 'integer', minimum: 0 };
const schemaArray = { type: 'array', minItems: 1, items: ref };
const simpleTypes = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];
const stringArray = { type: 'array', items: { type: 'string' }, uniqueItems: true };
const schemaMap = { type: 'object', additionalProperties: ref };

const META = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'http://json-schema.org/draft-07/schema#',
  type: ['object', 'boolean'],
  properties: {
    $id: { type: 'string' },
    $schema: { type: 'string' },
    $ref: { type: 'string' },
    $comment: { type: 'string' },
    $defs: schemaMap,
    definitions: schemaMap,
    title: { type: 'string' },
    description: { type: 'string' },
    readOnly: { type: 'boolean' },
    examples: { type: 'array' },
    multipleOf: { type: 'number', exclusiveMinimum: 0 },
    maximum: { type: 'number' },
    exclusiveMaximum: { type: 'number' },
    minimum: { type: 'number' },
    exclusiveMinimum: { type: 'number' },
    maxLength: nonNegative,
    minLength: nonNegative,
    pattern: { type: 'string' },
    additionalItems: ref,
    items: { anyOf: [ref, schemaArray] },
    prefixItems: schemaArray,
    maxItems: nonNegative,
    minItems: nonNegative,
    uniqueItems: { type: 'boolean' },
    contains: ref,
    maxProperties: nonNegative,
    minProperties: nonNegative,
    required: stringArray,
    additionalProperties: ref,
    properties: schemaMap,
    patternProperties: schemaMap,
    dependencies: { type: 'object', additionalProperties: { anyOf: [ref, stringArray] } },
    propertyNames: ref,
    enum: { type: 'array' },
    type: { anyOf: [{ enum: simpleTypes }, { type: 'array', items: { enum: simpleTypes }, minItems: 1, uniqueItems: true }] },
    format: { type: 'string' },
    // The conditional keywords, added below: a literal `then` key would make the object a thenable.
    if: ref,
    else: ref,
    allOf: schemaArray,
    anyOf: schemaArray,
    oneOf: schemaArray,
    not: ref,
  },
};

const THEN = ['th', 'en'].join('');
Object.defineProperty(META.properties, THEN, { value: ref, enumerable: true });

let validator: Validator | undefined;
const STRUCTURAL = new Set(['properties', 'allOf', '$ref', 'additionalProperties', 'items', 'anyOf', 'patternProperties']);

/** Problems with the schema itself, each as "<where>: <what>"; empty when it is a valid JSON Schema. */
export function metaSchemaErrors(schema: unknown): string[] {
  validator ??= new Validator(META as never, '7', false);
  const result = validator.validate(schema);
  if (result.valid) return [];
  const out = new Set<string>();
  for (const e of result.errors) {
    // "type" may be a name or a list of names; a bad name is reported once, as a bad name.
    if (STRUCTURAL.has(e.keyword) || e.keywordLocation.includes('/type/anyOf/1')) continue;
    const where = `$${e.instanceLocation.slice(1).replace(/\//g, '.')}`;
    const what =
      e.keyword === 'enum' && e.keywordLocation.includes('/type/')
        ? `type must be one of ${simpleTypes.join(', ')}`
        : e.error.replace(/^Instance /, '').replace(/\.$/, '');
    out.add(`${where === '$' ? 'the schema' : where}: ${what}`);
  }
  // anyOf alone (e.g. a bad "type") leaves only structural errors: name it plainly.
  if (!out.size)
    for (const e of result.errors) if (e.keyword === 'anyOf') out.add(`$${e.instanceLocation.slice(1).replace(/\//g, '.')}: ${e.error}`);
  return [...out].slice(0, 6);
}
