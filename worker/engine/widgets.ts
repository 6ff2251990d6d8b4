// The editor widget of a node data field, declared with zod's `.meta({ widget })`. The engine
// declares, the editor renders: zod's JSON Schema conversion carries `widget` into the schema the
// editor reads and into flows/flow.schema.json.
import type * as z from 'zod';

export const widgets = [
  'text',
  'textarea',
  'template',
  'cel',
  'prompt-ref',
  'json-schema',
  'model',
  /** A fine-tuned model id: the registry's tuned models (base model, cost, retirement) and the providers' models. */
  'finetuned-model',
  'provider',
  'number',
  'boolean',
  'enum',
  'list',
  'cases',
  'fields',
  'json',
] as const;
export type Widget = (typeof widgets)[number];

declare module 'zod' {
  interface GlobalMeta {
    /** How the editor renders this field (see worker/engine/widgets.ts). */
    widget?: Widget;
  }
}

/** Tags a schema with its editor widget (and a description), keeping the schema's type. */
export const widget = <S extends z.ZodType>(schema: S, name: Widget, description?: string): S =>
  schema.meta(description === undefined ? { widget: name } : { widget: name, description }) as S;
