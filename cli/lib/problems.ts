// One line per problem: `flows/x.json: $.nodes[2].data.cases[0].expression (node route): message [code]`.
import type { Problem } from '../../worker/engine';
import { red, yellow } from './color';

/** Multi-line messages (an expression with a caret under it) keep their first line here; --json has all. */
export function problemLine(file: string, p: Problem, color = false): string {
  const message = p.message.split('\n')[0].trim();
  const where = `${p.path}${p.nodeId ? ` (node ${p.nodeId})` : ''}`;
  if (p.severity === 'warning') return `${file}: ${yellow('warning', color)} ${where}: ${message} [${p.code}]`;
  return `${file}: ${color ? red(where, true) : where}: ${message} [${p.code}]`;
}

export const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
