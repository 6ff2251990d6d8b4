// The node data schemas as JSON Schema (zod's own conversion), which the inspector renders.
// A namespace import, as in the engine, so the bundle leaves zod's locales out.
import * as z from 'zod';
import type { AnyNodeDefinition } from '../../engine';

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

export const isCel = (s: JsonSchema | undefined) => /\bCEL\b/.test(s?.description ?? '');
export const isTemplate = (key: string, s: JsonSchema | undefined) =>
  key === 'system' || key === 'template' || /\btemplate\b/i.test(s?.description ?? '');

/** "responseFormat" -> "Response format". */
export const humanize = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/^./, (c) => c.toUpperCase())
    .replace(/ ([A-Z])/g, (m) => m.toLowerCase());
