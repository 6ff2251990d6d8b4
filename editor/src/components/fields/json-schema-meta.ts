// A JSON Schema field's own problems, checked by the engine's meta-schema check (the one that
// validates the flow when it is saved, so the editor and the worker never disagree), worded with
// where they are: "$.properties.topic.type: type must be one of array, boolean, ...".
import { jsonSchemaProblems } from '../../engine';

/** Problems with the schema itself, each as "<where>: <what>"; empty when it is a valid JSON Schema. */
export function metaSchemaErrors(schema: unknown): string[] {
  return jsonSchemaProblems(schema).map(({ pointer, message }) => {
    const where = pointer ? `$${pointer.replace(/\//g, '.')}` : 'the schema';
    return `${where}: ${message}`;
  });
}
