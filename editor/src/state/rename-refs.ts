// Rewrites references to a renamed node inside node data: `nodes.<old>` in Mustache templates
// (found through Mustache's own token positions) and in CEL expressions (a scanner that skips
// string literals, so text that merely mentions the id is left alone). Which data fields hold
// templates and expressions comes from each node type's declaration, as for validation.
import Mustache from 'mustache';
import { nodeRegistry, type FlowNode } from '../engine';

type Token = [string, string, number, number, Token[]?, number?];
type Edit = { at: number; end: number; text: string };

const renamedName = (name: string, from: string, to: string) =>
  name === `nodes.${from}` || name.startsWith(`nodes.${from}.`) ? `nodes.${to}${name.slice(6 + from.length)}` : undefined;

/** `{{nodes.from.output}}` -> `{{nodes.to.output}}`, sections and their closing tags included. */
export function renameInTemplate(text: string, from: string, to: string): string {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(text) as Token[];
  } catch {
    return text; // a template that does not parse is left as typed; the validator reports it
  }
  const edits: Edit[] = [];
  const tag = (start: number, end: number, name: string, next: string) => {
    const at = text.indexOf(name, start);
    if (at >= 0 && at + name.length <= end) edits.push({ at, end: at + name.length, text: next });
  };
  const walk = (list: Token[]) => {
    for (const t of list) {
      const [kind, name, start, end, children, closeAt] = t;
      if (!['name', '&', '{', '#', '^'].includes(kind)) continue;
      const next = renamedName(name, from, to);
      if (next) {
        tag(start, end, name, next);
        if (closeAt !== undefined) tag(closeAt, text.indexOf(name, closeAt) + name.length, name, next);
      }
      if (children) walk(children);
    }
  };
  walk(tokens);
  return applyEdits(text, edits);
}

const IDENT = /[A-Za-z0-9_]/;

/** `nodes.from` and `nodes["from"]` in a CEL expression, outside string literals. */
export function renameInExpression(source: string, from: string, to: string): string {
  const edits: Edit[] = [];
  let i = 0;
  while (i < source.length) {
    const string = stringAt(source, i);
    if (string) {
      // nodes["from"]: the string is an index into nodes.
      const before = source.slice(0, string.start).replace(/\s*\[\s*$/, '');
      if (before !== source.slice(0, string.start) && /(^|[^\w.])nodes\s*$/.test(before) && string.value === from) {
        edits.push({ at: string.bodyStart, end: string.bodyEnd, text: to });
      }
      i = string.end;
      continue;
    }
    const m = /^nodes\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(source.slice(i));
    const prev = source.slice(0, i).trimEnd().slice(-1);
    if (m && (i === 0 || !IDENT.test(source[i - 1])) && prev !== '.' && m[1] === from) {
      const at = i + m[0].length - from.length;
      edits.push({ at, end: at + from.length, text: to });
      i += m[0].length;
      continue;
    }
    i++;
  }
  return applyEdits(source, edits);
}

/** A CEL string literal starting at i: quotes, triple quotes, r/b prefixes, escapes. */
function stringAt(s: string, i: number): { start: number; end: number; bodyStart: number; bodyEnd: number; value: string } | undefined {
  const prefix = /^[rRbB]{0,2}/.exec(s.slice(i))![0];
  if (prefix && i > 0 && IDENT.test(s[i - 1])) return undefined;
  const q = s[i + prefix.length];
  if (q !== '"' && q !== "'") return undefined;
  const raw = /r/i.test(prefix);
  const delim = s.startsWith(q.repeat(3), i + prefix.length) ? q.repeat(3) : q;
  const bodyStart = i + prefix.length + delim.length;
  let j = bodyStart;
  while (j < s.length && !s.startsWith(delim, j)) j += !raw && s[j] === '\\' ? 2 : 1;
  return { start: i, end: Math.min(s.length, j + delim.length), bodyStart, bodyEnd: j, value: s.slice(bodyStart, j) };
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return out;
}

function setAt(value: unknown, path: (string | number)[], next: string): unknown {
  if (!path.length) return next;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head] = setAt(copy[head], rest, next);
  return copy;
}

/** The node's data with every template and expression naming `from` rewritten to `to`. */
export function renameRefsInNode(node: FlowNode, from: string, to: string): FlowNode {
  const def = nodeRegistry.get(node.type);
  if (!def) return node;
  const refs = (fn: () => { path: (string | number)[]; source: string }[]) => {
    try {
      return fn().filter((r) => typeof r.source === 'string');
    } catch {
      return []; // data that does not fit its schema: nothing to rewrite safely
    }
  };
  let data: unknown = node.data;
  for (const t of refs(() => def.templates(node.data))) {
    const next = renameInTemplate(t.source, from, to);
    if (next !== t.source) data = setAt(data, t.path, next);
  }
  for (const e of refs(() => def.expressions(node.data))) {
    const next = renameInExpression(e.source, from, to);
    if (next !== e.source) data = setAt(data, e.path, next);
  }
  return data === node.data ? node : { ...node, data: data as FlowNode['data'] };
}
