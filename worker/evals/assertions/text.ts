// Text checks on the output: equals (text, or JSON compared structurally), contains and
// icontains (one value, any or all of several), starts-with, and regex through re2js (linear
// time: no catastrophic backtracking, so a dataset cannot stall the runner).
import { RE2JS } from 're2js';
import { outputText, verdict } from './context';

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => deepEqual(v, (b as unknown[])[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}...` : text);

export function equalsCheck(output: unknown, value: unknown) {
  if (typeof value === 'string') {
    const text = outputText(output);
    return verdict(text === value, text === value ? 'equal' : `expected "${short(value)}", got "${short(text)}"`);
  }
  let actual = output;
  if (typeof output === 'string') {
    try {
      actual = JSON.parse(output);
    } catch {
      actual = output;
    }
  }
  const same = deepEqual(actual, value);
  return verdict(same, same ? 'equal' : `expected ${short(JSON.stringify(value))}, got ${short(outputText(output))}`);
}

export function containsCheck(output: unknown, values: string[], opts: { ignoreCase: boolean; all: boolean }) {
  const text = opts.ignoreCase ? outputText(output).toLowerCase() : outputText(output);
  const found = values.filter((v) => text.includes(opts.ignoreCase ? v.toLowerCase() : v));
  const missing = values.filter((v) => !found.includes(v));
  const pass = opts.all ? missing.length === 0 : found.length > 0;
  const reason = pass
    ? `contains ${found.map((v) => `"${short(v)}"`).join(', ')}`
    : opts.all
      ? `missing ${missing.map((v) => `"${short(v)}"`).join(', ')}`
      : `contains none of ${values.map((v) => `"${short(v)}"`).join(', ')}`;
  return verdict(pass, reason);
}

export function startsWithCheck(output: unknown, value: string) {
  const pass = outputText(output).startsWith(value);
  return verdict(pass, pass ? `starts with "${short(value)}"` : `does not start with "${short(value)}"`);
}

const compiled = new Map<string, RE2JS>();

/** Compiles (and caches) an RE2 pattern; throws with RE2's message when it does not compile. */
export function compileRegex(pattern: string, flags = ''): RE2JS {
  const key = `${flags}/${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    let bits = 0;
    if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
    if (flags.includes('m')) bits |= RE2JS.MULTILINE;
    if (flags.includes('s')) bits |= RE2JS.DOTALL;
    re = RE2JS.compile(pattern, bits);
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

export function regexCheck(output: unknown, pattern: string, flags?: string) {
  const pass = compileRegex(pattern, flags).matcher(outputText(output)).find();
  return verdict(pass, pass ? `matches /${short(pattern)}/` : `does not match /${short(pattern)}/`);
}
