// The one reference finder: which `nodes.<id>` and `input.<field>` a CEL expression or a Mustache
// template reads, and where in the text. The validator checks them, the run passes only them to
// an expression, and the editor's rename rewrites exactly them. CEL references come from the CEL
// parser's own AST, so a string literal such as "see nodes.ghost.output" is never a reference.
import Mustache from 'mustache';
import { WeirError } from './errors';
import { compileExpression } from './expression';

export interface Reference {
  kind: 'node' | 'input';
  /** The node id or the input field name. */
  name: string;
  /** Where the name itself is written, [start, end), when it can be rewritten in place. */
  spans: [number, number][];
}

export interface ExpressionReferences {
  refs: Reference[];
  /** True when `nodes` is used other than as nodes.<id> or nodes["<id>"] (e.g. nodes[input.which]). */
  dynamicNodes: boolean;
}

type Ast = { op: string; args: unknown; start: number; end: number };
const isAst = (v: unknown): v is Ast => typeof v === 'object' && v !== null && 'op' in v && 'args' in v;
const ROOTS = { nodes: 'node', input: 'input' } as const;

/** References in a CEL expression; throws WeirError('expression_error') when it does not parse. */
export function expressionReferences(source: string): ExpressionReferences {
  const ast = compileExpression(source).ast as unknown as Ast;
  const found = new Map<string, Reference>();
  let dynamicNodes = false;
  const add = (kind: Reference['kind'], name: string, span?: [number, number]) => {
    const key = `${kind}:${name}`;
    const ref = found.get(key) ?? { kind, name, spans: [] };
    if (span) ref.spans.push(span);
    found.set(key, ref);
  };
  const rootOf = (node: unknown) =>
    isAst(node) && node.op === 'id' && typeof node.args === 'string' && node.args in ROOTS
      ? ROOTS[node.args as keyof typeof ROOTS]
      : undefined;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isAst(node)) return;
    const args = Array.isArray(node.args) ? (node.args as unknown[]) : [node.args];
    const kind = rootOf(args[0]);
    if (kind && (node.op === '.' || node.op === '.?') && typeof args[1] === 'string') {
      add(kind, args[1], [node.end - args[1].length, node.end]);
      return;
    }
    const key = args[1];
    if (kind && (node.op === '[]' || node.op === '[?]') && isAst(key) && key.op === 'value' && typeof key.args === 'string') {
      const literal = source.slice(key.start, key.end);
      const at = literal.indexOf(key.args);
      // An escaped literal ("a\x62") cannot be rewritten in place; it is still a reference.
      const exact = at > 0 && literal.lastIndexOf(key.args) === at;
      add(kind, key.args, exact ? [key.start + at, key.start + at + key.args.length] : undefined);
      return;
    }
    if (node.op === 'id' && node.args === 'nodes') dynamicNodes = true;
    args.forEach(visit);
  };
  visit(ast);
  return { refs: [...found.values()], dynamicNodes };
}

export interface TemplateReferences {
  refs: Reference[];
  /** Variables that name neither input nor nodes: section-relative names, or mistakes outside sections. */
  other: { name: string; inSection: boolean }[];
}

type Token = [string, string, number, number, Token[]?, number?];

/** References in a Mustache template; throws WeirError('template_error') when it does not parse. */
export function templateReferences(text: string): TemplateReferences {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(text) as Token[];
  } catch (err) {
    throw new WeirError('template_error', `template does not parse: ${(err as Error).message}`);
  }
  const found = new Map<string, Reference>();
  const other: TemplateReferences['other'] = [];
  const spanOf = (from: number, name: string, part: string, offset: number): [number, number] | undefined => {
    const at = text.indexOf(name, from);
    return at < 0 ? undefined : [at + offset, at + offset + part.length];
  };
  const walk = (list: Token[], depth: number) => {
    for (const token of list) {
      const [kind, name, start, , children, closeAt] = token;
      if (kind === '>') throw new WeirError('template_error', `partials ({{> ${name}}}) are not supported`);
      if (!['name', '&', '{', '#', '^'].includes(kind)) continue;
      const parts = name.split('.');
      const refKind = parts[0] === 'nodes' ? 'node' : parts[0] === 'input' ? 'input' : undefined;
      if (refKind && parts[1]) {
        const key = `${refKind}:${parts[1]}`;
        const ref = found.get(key) ?? { kind: refKind, name: parts[1], spans: [] };
        const offset = parts[0].length + 1;
        for (const span of [
          spanOf(start, name, parts[1], offset),
          closeAt === undefined ? undefined : spanOf(closeAt, name, parts[1], offset),
        ])
          if (span) ref.spans.push(span);
        found.set(key, ref);
      } else other.push({ name, inSection: depth > 0 });
      if (children) walk(children, depth + 1);
    }
  };
  walk(tokens, 0);
  return { refs: [...found.values()], other };
}

/** The text with every reference to node `from` renamed to `to`; text that does not parse is left as is. */
export function renameNodeReferences(text: string, kind: 'template' | 'expression', from: string, to: string): string {
  let refs: Reference[];
  try {
    refs = kind === 'template' ? templateReferences(text).refs : expressionReferences(text).refs;
  } catch {
    return text; // the validator reports it; a rename must not guess
  }
  const spans = refs.filter((r) => r.kind === 'node' && r.name === from).flatMap((r) => r.spans);
  let out = text;
  for (const [start, end] of [...spans].sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + to + out.slice(end);
  return out;
}
