// formatFlow: the canonical file. Fixed key order (the schema's order; unknown keys after, sorted),
// positions rounded to whole pixels, 2-space indent, final newline. Arrays keep their order.
import * as z from 'zod';
import { nodeRegistry } from './nodes';
import { flowSchema, flowNode, flowEdge, example, inputDeclaration, inputField } from './schema';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The key order a zod object declares, or undefined when the schema is not an object. */
function shapeKeys(schema: z.ZodType | undefined): string[] | undefined {
  let s: unknown = schema;
  while (s && typeof s === 'object' && 'unwrap' in s && typeof (s as { unwrap: unknown }).unwrap === 'function') s = (s as { unwrap: () => unknown }).unwrap();
  return s instanceof z.ZodObject ? Object.keys(s.shape) : undefined;
}

function ordered(obj: Record<string, unknown>, keys: string[] | undefined, child: (key: string, v: unknown) => unknown): Record<string, unknown> {
  const known = keys ?? [];
  const rest = Object.keys(obj).filter((k) => !known.includes(k)).sort();
  const out: Record<string, unknown> = {};
  for (const k of [...known, ...rest]) if (k in obj && obj[k] !== undefined) out[k] = child(k, obj[k]);
  return out;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sorts keys of nested plain objects where no schema gives an order (e.g. JSON Schemas stay as written). */
const asIs = (_k: string, v: unknown) => v;

function formatNode(node: unknown): unknown {
  if (!isObj(node)) return node;
  const def = typeof node.type === 'string' ? nodeRegistry.get(node.type) : undefined;
  const dataKeys = shapeKeys(def?.data as z.ZodType | undefined);
  return ordered(node, shapeKeys(flowNode), (k, v) => {
    if (k === 'position' && isObj(v)) return ordered(v, ['x', 'y'], (_, n) => (typeof n === 'number' ? Math.round(n) : n));
    if (k === 'data' && isObj(v)) return ordered(v, dataKeys, asIs);
    return v;
  });
}

export function canonicalFlow(flow: unknown): unknown {
  if (!isObj(flow)) return flow;
  return ordered(flow, shapeKeys(flowSchema), (k, v) => {
    if (k === 'nodes' && Array.isArray(v)) return v.map(formatNode);
    if (k === 'edges' && Array.isArray(v)) return v.map((e) => (isObj(e) ? ordered(e, shapeKeys(flowEdge), asIs) : e));
    if (k === 'examples' && Array.isArray(v)) return v.map((e) => (isObj(e) ? ordered(e, shapeKeys(example), asIs) : e));
    if (k === 'input' && isObj(v)) {
      return ordered(v, shapeKeys(inputDeclaration), (ik, iv) =>
        ik === 'fields' && isObj(iv) ? Object.fromEntries(Object.entries(iv).map(([f, d]) => [f, isObj(d) ? ordered(d, shapeKeys(inputField), asIs) : d])) : iv,
      );
    }
    return v;
  });
}

/** The canonical text of a flow file. Formatting twice gives the same bytes. */
export function formatFlow(flow: unknown): string {
  return JSON.stringify(canonicalFlow(flow) as Json, null, 2) + '\n';
}
