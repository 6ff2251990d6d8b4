// The editor renders node forms from what node types declare: every data field of every node type
// names a widget from the shared vocabulary (or is a union the editor renders as variants), and
// the widget reaches the JSON Schema the inspector reads and the committed flows/flow.schema.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataSchemaOf } from '../../editor/src/components/fields/json-schema';
import { nodeTypes, widgets } from '../../worker/engine/index';

describe('declared widgets', () => {
  it('every data field of every node type declares a widget from the vocabulary, or is a union', () => {
    for (const def of nodeTypes) {
      for (const [key, field] of Object.entries(dataSchemaOf(def).properties ?? {})) {
        if (field.anyOf && !field.widget) continue;
        expect(widgets, `${def.type}.${key}`).toContain(field.widget);
      }
    }
  });

  it('the committed flow schema carries the widgets', () => {
    const schema = readFileSync(new URL('../../flows/flow.schema.json', import.meta.url), 'utf8');
    for (const w of ['cel', 'template', 'prompt-ref', 'json-schema', 'model', 'finetuned-model', 'provider', 'cases', 'fields'])
      expect(schema).toContain(`"widget": "${w}"`);
  });
});
