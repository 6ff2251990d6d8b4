// Mustache templates: parsed and rendered by an interpreter (no code generation, so they run on
// Workers). Variables are `{{input.field}}` and `{{nodes.<id>.output...}}`; values are never
// HTML-escaped. In JSON mode, values are escaped as JSON string content instead.
import Mustache from 'mustache';
import { WeirError } from './errors';

export interface TemplateVariable {
  /** Dotted name as written, e.g. "nodes.classify.output.topic". */
  name: string;
  /** True when the name sits inside a section, where it may be relative to the section's value. */
  inSection: boolean;
}

type Token = [string, string, number, number, Token[]?, number?];

/** Parses a template; throws WeirError('template_error') with the position when it does not parse. */
export function templateVariables(text: string): TemplateVariable[] {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(text) as Token[];
  } catch (err) {
    throw new WeirError('template_error', `template does not parse: ${(err as Error).message}`);
  }
  const found: TemplateVariable[] = [];
  const walk = (list: Token[], depth: number) => {
    for (const token of list) {
      const [kind, value] = token;
      if (kind === 'name' || kind === '&' || kind === '{') found.push({ name: value, inSection: depth > 0 });
      else if (kind === '#' || kind === '^') {
        found.push({ name: value, inSection: depth > 0 });
        walk(token[4] ?? [], depth + 1);
      } else if (kind === '>') {
        throw new WeirError('template_error', `partials ({{> ${value}}}) are not supported`);
      }
    }
  };
  walk(tokens, 0);
  return found;
}

const identity = (value: unknown) => stringify(value);
const jsonEscape = (value: unknown) => JSON.stringify(stringify(value)).slice(1, -1);

function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Renders a template against a scope ({ input, nodes }). Objects render as JSON. */
export function renderTemplate(text: string, scope: Record<string, unknown>, mode: 'text' | 'json' = 'text'): string {
  try {
    return Mustache.render(text, scope, {}, { escape: mode === 'json' ? jsonEscape : identity });
  } catch (err) {
    throw new WeirError('template_error', `template failed to render: ${(err as Error).message}`);
  }
}
