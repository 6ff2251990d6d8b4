// Mustache templates: parsed by mustache.js and rendered here by a small interpreter over its
// tokens (no code generation, so they run on Workers). Variables are `{{input.field}}` and
// `{{nodes.<id>.output...}}`; values are never HTML-escaped (JSON mode escapes them as JSON string
// content). Rendering counts section iterations and output characters as it goes and stops with
// a typed error at the limit, so no template can take the isolate's memory or time. Lookups read
// own properties only: `{{input.constructor}}` is empty, never Object's constructor.
import Mustache from 'mustache';
import { WeirError } from './errors';
import { defaultEvalLimits, type EvalLimits } from './limits';

export interface TemplateVariable {
  /** Dotted name as written, e.g. "nodes.classify.output.topic". */
  name: string;
  /** True when the name sits inside a section, where it may be relative to the section's value. */
  inSection: boolean;
}

type Token = [string, string, number, number, Token[]?, number?];

function parse(text: string): Token[] {
  try {
    return Mustache.parse(text) as Token[];
  } catch (err) {
    throw new WeirError('template_error', `template does not parse: ${(err as Error).message}`);
  }
}

/** Parses a template; throws WeirError('template_error') with the position when it does not parse. */
export function templateVariables(text: string): TemplateVariable[] {
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
  walk(parse(text), 0);
  return found;
}

function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Own properties of objects, arrays and strings (`{{x.length}}` works as in mustache.js). */
const own = (obj: unknown, key: string): boolean =>
  ((typeof obj === 'object' && obj !== null) || typeof obj === 'string') && Object.hasOwn(obj as object, key);

/** Mustache's lookup: the innermost context where the whole dotted name resolves; own properties only. */
function lookup(stack: unknown[], name: string): unknown {
  if (name === '.') return stack[stack.length - 1];
  const parts = name.split('.');
  for (let i = stack.length - 1; i >= 0; i--) {
    let value: unknown = stack[i];
    let hit = true;
    for (const part of parts) {
      if (!own(value, part)) {
        hit = false;
        break;
      }
      value = (value as Record<string, unknown>)[part];
    }
    if (hit) return value;
  }
  return undefined;
}

export type TemplateLimits = Pick<EvalLimits, 'maxSectionIterations' | 'maxRenderedChars'>;

/** Renders a template against a scope ({ input, nodes }). Objects render as JSON. */
export function renderTemplate(
  text: string,
  scope: object,
  mode: 'text' | 'json' = 'text',
  limits: TemplateLimits = defaultEvalLimits,
): string {
  const tokens = parse(text);
  const escape = mode === 'json' ? (v: unknown) => JSON.stringify(stringify(v)).slice(1, -1) : stringify;
  const out: string[] = [];
  let chars = 0;
  let iterations = 0;
  const emit = (s: string) => {
    chars += s.length;
    if (chars > limits.maxRenderedChars)
      throw new WeirError(
        'template_too_large',
        `the rendered template passed ${limits.maxRenderedChars.toLocaleString('en-US')} characters`,
      );
    out.push(s);
  };
  const iterate = () => {
    if (++iterations > limits.maxSectionIterations)
      throw new WeirError(
        'template_too_large',
        `the template's sections ran more than ${limits.maxSectionIterations.toLocaleString('en-US')} iterations`,
      );
  };
  const render = (list: Token[], stack: unknown[]) => {
    for (const token of list) {
      const [kind, value] = token;
      if (kind === 'text') emit(value);
      else if (kind === 'name') {
        const v = lookup(stack, value);
        if (v !== null && v !== undefined) emit(typeof v === 'number' ? String(v) : escape(v));
      } else if (kind === '&' || kind === '{') emit(stringify(lookup(stack, value)));
      else if (kind === '#') {
        const v = lookup(stack, value);
        if (!v) continue;
        const body = token[4] ?? [];
        if (Array.isArray(v)) {
          for (const item of v) {
            iterate();
            render(body, [...stack, item]);
          }
        } else {
          iterate();
          render(body, typeof v === 'object' || typeof v === 'string' || typeof v === 'number' ? [...stack, v] : stack);
        }
      } else if (kind === '^') {
        const v = lookup(stack, value);
        if (!v || (Array.isArray(v) && v.length === 0)) {
          iterate();
          render(token[4] ?? [], stack);
        }
      } else if (kind === '>') throw new WeirError('template_error', `partials ({{> ${value}}}) are not supported`);
    }
  };
  render(tokens, [scope]);
  return out.join('');
}
