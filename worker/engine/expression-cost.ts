// A CEL cost estimate from the expression's AST and the sizes of the data it reads, in the
// spirit of cel-go's cost estimator: comprehensions (exists, all, map, filter, ...) multiply the
// cost of their body by the size of their range; concatenation adds sizes. The estimate is an
// upper bound computed before evaluation, so an expression that would run for seconds is
// refused in microseconds instead of blocking the isolate.

/** Upper bounds of the data: the longest list (or object) and the longest string. */
export interface DataSize {
  list: number;
  str: number;
}

/** The largest list/object and string anywhere in a JSON value (iterative: deep values are fine). */
export function measure(value: unknown): DataSize {
  const size: DataSize = { list: 0, str: 0 };
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') size.str = Math.max(size.str, v.length);
    else if (Array.isArray(v)) {
      size.list = Math.max(size.list, v.length);
      for (const x of v) stack.push(x);
    } else if (v && typeof v === 'object') {
      const values = Object.values(v);
      size.list = Math.max(size.list, values.length);
      for (const x of values) stack.push(x);
    }
  }
  return size;
}

type Ast = { op: string; args: unknown };
const isAst = (v: unknown): v is Ast => typeof v === 'object' && v !== null && 'op' in v && 'args' in v;

const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'existsOne', 'map', 'filter', 'transformList', 'transformMap', 'sortBy']);
/** Functions whose work is linear in the size of their operands' text (RE2 is linear too). */
const TEXT_WORK = new Set([
  'matches',
  're2Matches',
  'contains',
  'startsWith',
  'endsWith',
  'split',
  'replace',
  'indexOf',
  'join',
  'lowerAscii',
  'upperAscii',
  'trim',
]);

interface Estimate {
  cost: number;
  size: DataSize;
}

const add = (a: DataSize, b: DataSize): DataSize => ({ list: a.list + b.list, str: a.str + b.str });
const max = (a: DataSize, b: DataSize): DataSize => ({ list: Math.max(a.list, b.list), str: Math.max(a.str, b.str) });

/** Estimated evaluation steps of an expression over data no larger than `data`. */
export function estimateCost(ast: unknown, data: DataSize): number {
  const bound = new Map<string, DataSize>();
  const est = (node: unknown): Estimate => {
    if (Array.isArray(node)) {
      return node.map(est).reduce((a, b) => ({ cost: a.cost + b.cost, size: max(a.size, b.size) }), { cost: 0, size: { list: 0, str: 0 } });
    }
    if (!isAst(node)) return { cost: 0, size: { list: 0, str: 0 } };
    const args = Array.isArray(node.args) ? (node.args as unknown[]) : [node.args];
    switch (node.op) {
      case 'value':
        return { cost: 1, size: { list: 0, str: typeof node.args === 'string' ? node.args.length : 0 } };
      case 'id':
        return { cost: 1, size: bound.get(node.args as string) ?? data };
      case 'list':
      case 'map': {
        const parts = args.map(est);
        return {
          cost: 1 + parts.reduce((s, p) => s + p.cost, 0),
          size: { list: args.length, str: parts.reduce((s, p) => Math.max(s, p.size.str), 0) },
        };
      }
      case '+': {
        const [a, b] = args.map(est);
        const size = add(a.size, b.size);
        return { cost: 1 + a.cost + b.cost + size.list + size.str / 64, size };
      }
      case 'rcall':
      case 'call': {
        const name = args[0] as string;
        const receiver = node.op === 'rcall' ? est(args[1]) : undefined;
        const callArgs = (node.op === 'rcall' ? args[2] : args[1]) as unknown[];
        const first = Array.isArray(callArgs) ? callArgs[0] : undefined;
        if (receiver && COMPREHENSIONS.has(name) && isAst(first) && first.op === 'id') {
          const variable = first.args as string;
          const outer = bound.get(variable);
          bound.set(variable, data);
          const body = est(callArgs.slice(1));
          if (outer) bound.set(variable, outer);
          else bound.delete(variable);
          const n = Math.max(receiver.size.list, 1);
          return { cost: 1 + receiver.cost + n * (1 + body.cost), size: { list: receiver.size.list, str: body.size.str } };
        }
        const parts = (Array.isArray(callArgs) ? callArgs : []).map(est);
        const all = receiver ? [receiver, ...parts] : parts;
        const cost = 1 + all.reduce((s, p) => s + p.cost, 0);
        const text = all.reduce((s, p) => s + p.size.str, 0);
        const longest = all.reduce((s, p) => Math.max(s, p.size.list), 0);
        const work = TEXT_WORK.has(name) ? text / 16 + longest : longest;
        return {
          cost: cost + work,
          size: { list: Math.max(longest, name === 'split' ? text : 0), str: name === 'join' ? longest * text : text },
        };
      }
      default: {
        const parts = args.map(est);
        return {
          cost: 1 + parts.reduce((s, p) => s + p.cost, 0),
          size: parts.reduce((s, p) => max(s, p.size), { list: 0, str: 0 }),
        };
      }
    }
  };
  return est(ast).cost;
}
