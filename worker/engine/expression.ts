// CEL expressions for conditions and output mappings, through @marcbachmann/cel-js (an
// interpreter: no eval). `matches` runs on RE2 (re2js, linear time) as the CEL spec requires, and
// every evaluation is costed first (expression-cost.ts) so none can stall the isolate. Results are
// normalised to plain JSON values (CEL ints come back as BigInt).
import { Environment, type ParseResult } from '@marcbachmann/cel-js';
import { RE2JS } from 're2js';
import { WeirError } from './errors';
import { estimateCost, measure, type DataSize } from './expression-cost';
import { defaultEvalLimits } from './limits';
import { expressionReferences, type ExpressionReferences } from './refs';

const RE2_MATCHES = 're2Matches';
const regexCache = new Map<string, RE2JS>();

function re2(pattern: string): RE2JS {
  let re = regexCache.get(pattern);
  if (!re) {
    try {
      re = RE2JS.compile(pattern);
    } catch (err) {
      throw new WeirError('expression_error', `invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`);
    }
    if (regexCache.size > 200) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re;
}

const env = new Environment({
  unlistedVariablesAreDyn: true,
  homogeneousAggregateLiterals: false,
  enableOptionalTypes: true,
  limits: { maxAstNodes: 2000, maxDepth: 64 },
})
  .registerVariable('input', 'map')
  .registerVariable('nodes', 'map')
  .registerFunction(`string.${RE2_MATCHES}(string): bool`, (text: string, pattern: string) => re2(pattern).matcher(text).find());

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

interface Executable {
  run: ParseResult;
  refs: ExpressionReferences;
  /** Estimated cost by data size ("list:str"): runs over similar data reuse it. */
  costs: Map<string, number>;
}
const executables = new Map<string, Executable>();

type Ast = { op: string; args: unknown; start: number; end: number };
const isAst = (v: unknown): v is Ast => typeof v === 'object' && v !== null && 'op' in v && 'args' in v;

/** The source with each `x.matches(p)` call renamed to the RE2 implementation (the built-in backtracks). */
function withRe2(source: string, ast: unknown): string {
  const at: number[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isAst(node)) return;
    const args = Array.isArray(node.args) ? (node.args as unknown[]) : [];
    if (node.op === 'rcall' && args[0] === 'matches' && isAst(args[1])) {
      const m = /^\s*\.\s*matches/.exec(source.slice(args[1].end));
      if (m) at.push(args[1].end + m[0].length - 'matches'.length);
    }
    args.forEach(visit);
  };
  visit(ast);
  let out = source;
  for (const i of at.sort((a, b) => b - a)) out = out.slice(0, i) + RE2_MATCHES + out.slice(i + 'matches'.length);
  return out;
}

function executable(source: string): Executable {
  const hit = executables.get(source);
  if (hit) return hit;
  const parsed = compileExpression(source);
  const rewritten = withRe2(source, parsed.ast);
  const exe = { run: rewritten === source ? parsed : env.parse(rewritten), refs: expressionReferences(source), costs: new Map() };
  if (executables.size > 500) executables.clear();
  executables.set(source, exe);
  return exe;
}

/** Node ids an expression reads through `nodes.<id>` or `nodes["<id>"]` (never inside string literals). */
export function expressionNodeRefs(source: string): string[] {
  return expressionReferences(source)
    .refs.filter((r) => r.kind === 'node')
    .map((r) => r.name);
}

const celCache = new WeakMap<object, { cel: unknown; size: DataSize }>();
/** The CEL form of a value and its sizes, converted once per object (a run's input, a node's output). */
function celOf(holder: object, value: () => unknown): { cel: unknown; size: DataSize } {
  let hit = celCache.get(holder);
  if (!hit) {
    const v = value();
    hit = { cel: toCel(v), size: measure(v) };
    celCache.set(holder, hit);
  }
  return hit;
}

export interface ExpressionScope {
  input: Record<string, unknown>;
  nodes: Record<string, { output: unknown }>;
}

/**
 * Evaluates against { input, nodes } and returns plain JSON (BigInt to number, Map to object).
 * Only the nodes the expression names are converted; its estimated cost over the actual data is
 * checked first, so a breach is a typed error before any work.
 */
export function evaluateExpression(source: string, scope: ExpressionScope, maxCost = defaultEvalLimits.maxExpressionCost): unknown {
  const exe = executable(source);
  const input = celOf(scope.input, () => scope.input);
  const nodes: Record<string, unknown> = {};
  const size: DataSize = { ...input.size };
  const names = exe.refs.dynamicNodes ? Object.keys(scope.nodes) : exe.refs.refs.filter((r) => r.kind === 'node').map((r) => r.name);
  for (const name of names) {
    const holder = Object.hasOwn(scope.nodes, name) ? scope.nodes[name] : undefined;
    if (!holder) continue;
    const c = celOf(holder, () => ({ output: holder.output }));
    nodes[name] = c.cel;
    size.list = Math.max(size.list, c.size.list);
    size.str = Math.max(size.str, c.size.str);
  }
  const key = `${size.list}:${size.str}`;
  let cost = exe.costs.get(key);
  if (cost === undefined) {
    cost = estimateCost(exe.run.ast, size);
    if (exe.costs.size > 50) exe.costs.clear();
    exe.costs.set(key, cost);
  }
  if (cost > maxCost)
    throw new WeirError(
      'expression_too_costly',
      `expression "${clip(source)}" could take about ${Math.round(cost).toLocaleString('en-US')} steps on this data (limit ${maxCost.toLocaleString('en-US')}): its lists (up to ${size.list} items) are iterated too deeply`,
    );
  let value: unknown;
  try {
    value = exe.run({ input: input.cel, nodes });
  } catch (err) {
    if (err instanceof WeirError) throw err;
    throw new WeirError(
      'expression_error',
      `expression "${clip(source)}" failed: ${(err as Error).message.replaceAll(RE2_MATCHES, 'matches')}`,
    );
  }
  if (value instanceof Promise) throw new WeirError('expression_error', `expression "${clip(source)}" is asynchronous`);
  return toPlain(value);
}

/**
 * Evaluates against any named variables (eval assertions use input, expected, output, trace,
 * usage...), with the same RE2 `matches`, cost check and plain-JSON result as flow expressions.
 */
export function evaluateWithVariables(
  source: string,
  vars: Record<string, unknown>,
  maxCost = defaultEvalLimits.maxExpressionCost,
): unknown {
  const exe = executable(source);
  const size: DataSize = measure(vars);
  const cost = estimateCost(exe.run.ast, size);
  if (cost > maxCost)
    throw new WeirError(
      'expression_too_costly',
      `expression "${clip(source)}" could take about ${Math.round(cost).toLocaleString('en-US')} steps on this data (limit ${maxCost.toLocaleString('en-US')})`,
    );
  let value: unknown;
  try {
    value = exe.run(Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, toCel(v)])));
  } catch (err) {
    throw new WeirError(
      'expression_error',
      `expression "${clip(source)}" failed: ${(err as Error).message.replaceAll(RE2_MATCHES, 'matches')}`,
    );
  }
  if (value instanceof Promise) throw new WeirError('expression_error', `expression "${clip(source)}" is asynchronous`);
  return toPlain(value);
}

const clip = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}...` : s);

/** JSON numbers that are whole become CEL ints (BigInt), so `input.count + 1` works as users expect. */
export function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value).map(([k, v]) => [k, toCel(v)] as const);
    // cel-js tells a map by its `constructor`; an input field of that name makes it a Map instead.
    return Object.hasOwn(value, 'constructor') ? new Map(entries) : Object.fromEntries(entries);
  }
  return value;
}

export function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toPlain(v)]));
  if (value instanceof Uint8Array) return [...value];
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  if (value && typeof value === 'object' && 'value' in value && value.constructor?.name === 'Optional')
    return toPlain((value as { value: unknown }).value);
  return value;
}
