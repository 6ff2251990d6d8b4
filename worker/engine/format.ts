// formatFlow: the canonical file. Keys in the order the zod schemas declare them, at every depth
// (node data by its node type's schema; unknown keys after, sorted), positions rounded to whole
// pixels, 2-space indent, final newline. Arrays keep their order; free-form values (JSON Schemas,
// example inputs) keep theirs.
import * as z from 'zod';
import { nodeRegistry } from './nodes';
import { flowNode, flowSchema } from './schema';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s;
}

/** Orders `value` by `schema`, recursively. Values the schema does not describe stay as written. */
function orderBySchema(value: unknown, schema: z.ZodType | undefined): unknown {
  const s = schema && unwrap(schema);
  if (Array.isArray(value)) return s instanceof z.ZodArray ? value.map((v) => orderBySchema(v, s.element as z.ZodType)) : value;
  if (!isObj(value) || !s) return value;
  if (s instanceof z.ZodUnion) {
    const options = s.options as z.ZodType[];
    const fits = options.find((o) => {
      const u = unwrap(o);
      return u instanceof z.ZodObject && Object.keys(value).every((k) => Object.hasOwn(u.shape, k));
    });
    return fits ? orderBySchema(value, fits) : value;
  }
  if (s instanceof z.ZodRecord)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, orderBySchema(v, s.valueType as z.ZodType)]));
  if (!(s instanceof z.ZodObject)) return value;
  const shape = s.shape as Record<string, z.ZodType>;
  const known = Object.keys(shape).filter((k) => Object.hasOwn(value, k));
  const rest = Object.keys(value)
    .filter((k) => !Object.hasOwn(shape, k))
    .sort();
  const out: Record<string, unknown> = {};
  for (const k of known) if (value[k] !== undefined) out[k] = orderBySchema(value[k], shape[k]);
  for (const k of rest) if (value[k] !== undefined) out[k] = value[k];
  return out;
}

function formatNode(node: unknown): unknown {
  if (!isObj(node)) return node;
  const ordered = orderBySchema(node, flowNode) as Record<string, unknown>;
  const def = typeof node.type === 'string' ? nodeRegistry.get(node.type) : undefined;
  if (isObj(ordered.position)) {
    ordered.position = Object.fromEntries(Object.entries(ordered.position).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : v]));
  }
  if ('data' in ordered) ordered.data = orderBySchema(node.data, def?.data as z.ZodType | undefined);
  return ordered;
}

export function canonicalFlow(flow: unknown): unknown {
  if (!isObj(flow)) return flow;
  const ordered = orderBySchema(flow, flowSchema) as Record<string, unknown>;
  if (Array.isArray(flow.nodes)) ordered.nodes = flow.nodes.map(formatNode);
  return ordered;
}

/** The canonical text of a flow file. Formatting twice gives the same bytes. */
export function formatFlow(flow: unknown): string {
  return JSON.stringify(canonicalFlow(flow), null, 2) + '\n';
}
