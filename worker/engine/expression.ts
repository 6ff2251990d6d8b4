// CEL expressions for conditions and output mappings, through @marcbachmann/cel-js (an
// interpreter: no eval). Results are normalised to plain JSON values (CEL ints come back as BigInt).
import { Environment, type ParseResult } from '@marcbachmann/cel-js';
import { WeirError } from './errors';

const env = new Environment({
  unlistedVariablesAreDyn: true,
  homogeneousAggregateLiterals: false,
  enableOptionalTypes: true,
  limits: { maxAstNodes: 2000, maxDepth: 64 },
})
  .registerVariable('input', 'map')
  .registerVariable('nodes', 'map');

const cache = new Map<string, ParseResult>();

/** Parses (and caches) an expression; throws WeirError('expression_error') when it does not parse. */
export function compileExpression(source: string): ParseResult {
  const hit = cache.get(source);
  if (hit) return hit;
  let parsed: ParseResult;
  try {
    parsed = env.parse(source);
  } catch (err) {
    throw new WeirError('expression_error', `expression does not parse: ${(err as Error).message}`);
  }
  if (cache.size > 500) cache.clear();
  cache.set(source, parsed);
  return parsed;
}

/** Node ids an expression reads through `nodes.<id>`, for the upstream check. */
export function expressionNodeRefs(source: string): string[] {
  const refs = new Set<string>();
  for (const m of source.matchAll(/\bnodes\s*\.\s*([A-Za-z][A-Za-z0-9_]*)|\bnodes\s*\[\s*["']([^"']+)["']\s*\]/g)) refs.add(m[1] ?? m[2]);
  return [...refs];
}

/** Evaluates against { input, nodes } and returns plain JSON (BigInt to number, Map to object). */
export function evaluateExpression(source: string, scope: Record<string, unknown>): unknown {
  const expr = compileExpression(source);
  let value: unknown;
  try {
    value = expr(toCel(scope) as Record<string, unknown>);
  } catch (err) {
    throw new WeirError('expression_error', `expression "${source}" failed: ${(err as Error).message}`);
  }
  if (value instanceof Promise) throw new WeirError('expression_error', `expression "${source}" is asynchronous`);
  return toPlain(value);
}

/** JSON numbers that are whole become CEL ints (BigInt), so `input.count + 1` works as users expect. */
export function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  }
  return value;
}

export function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toPlain(v)]));
  if (value instanceof Uint8Array) return [...value];
  if (value && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  if (value && typeof value === 'object' && 'value' in value && value.constructor?.name === 'Optional')
    return toPlain((value as { value: unknown }).value);
  return value;
}
