// genai-prices' model match rules (equals, starts_with, ends_with, contains, regex, or, and),
// evaluated against a model name. Regexes are data from the price table, compiled once.
export type MatchLogic =
  | { equals: string }
  | { starts_with: string }
  | { ends_with: string }
  | { contains: string }
  | { regex: string }
  | { or: MatchLogic[] }
  | { and: MatchLogic[] };

const compiled = new Map<string, RegExp | null>();

function regex(source: string): RegExp | null {
  let r = compiled.get(source);
  if (r === undefined) {
    try {
      r = new RegExp(source);
    } catch {
      r = null;
    }
    compiled.set(source, r);
  }
  return r;
}

export function matches(rule: MatchLogic, model: string): boolean {
  if ('equals' in rule) return model === rule.equals;
  if ('starts_with' in rule) return model.startsWith(rule.starts_with);
  if ('ends_with' in rule) return model.endsWith(rule.ends_with);
  if ('contains' in rule) return model.includes(rule.contains);
  if ('regex' in rule) return regex(rule.regex)?.test(model) ?? false;
  if ('or' in rule) return rule.or.some((r) => matches(r, model));
  if ('and' in rule) return rule.and.every((r) => matches(r, model));
  return false;
}
