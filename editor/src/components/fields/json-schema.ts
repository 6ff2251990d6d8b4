// The node data schemas as JSON Schema (zod's own conversion), which the inspector renders.
// A namespace import, as in the engine, so the bundle leaves zod's locales out.
import * as z from 'zod';
import type { AnyNodeDefinition, Widget } from '../../engine';

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  enum?: (string | number)[];
  const?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  /** The editor widget the node type declares for this field (zod `.meta({ widget })`). */
  widget?: Widget;
}

const cache = new WeakMap<AnyNodeDefinition, JsonSchema>();

export function dataSchemaOf(def: AnyNodeDefinition): JsonSchema {
  let s = cache.get(def);
  if (!s) {
    s = z.toJSONSchema(def.data, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    cache.set(def, s);
  }
  return s;
}

/** A CEL field, or a map whose values are CEL (the `fields` widget): declared by the node type, never guessed. */
export const isCel = (s: JsonSchema | undefined) => s?.widget === 'cel' || s?.widget === 'fields';

/** "responseFormat" -> "Response format". */
export const humanize = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/^./, (c) => c.toUpperCase())
    .replace(/ ([A-Z])/g, (m) => m.toLowerCase());
