// Evaluates one assertion against one observed run, negation and weight applied, and scores an
// item: the weighted mean of its assertions' scores; it passes when every weighted assertion
// passes, or, with a threshold, when the weighted score reaches it. Ungraded checks weigh
// nothing; an item whose run failed fails, whatever its assertions say.
import { inputAsText } from '../../engine/nodes/model-call';
import { renderTemplate } from '../../engine/template';
import type { Assertion } from '../assertion-schema';
import { celCheck } from './cel';
import { outputText, type AssertionResult, type Judge, type Observation } from './context';
import { factualityCheck, rubricCheck } from './judge';
import { ceilingCheck, nodeCheck } from './node';
import { jsonCheck } from './structure';
import { containsCheck, equalsCheck, regexCheck, startsWithCheck } from './text';

export type { AssertionResult, Judge, Observation } from './context';
export { pairwiseCheck, type PairVerdict } from './judge';
export { compileRegex } from './text';
export { celScope } from './cel';

type Outcome = Omit<AssertionResult, 'name' | 'weight'>;

function nameOf(a: Assertion): string {
  if (a.metric) return a.metric;
  const prefix = a.negate ? 'not-' : '';
  if (a.type === 'node') return `${prefix}node ${a.node}${a.handle ? ` → ${a.handle}` : ''}${a.status ? ` ${a.status}` : ''}`;
  if (a.type === 'latency' || a.type === 'cost') return `${prefix}${a.type} ≤ ${a.threshold}`;
  const value = 'value' in a && a.value !== undefined ? (typeof a.value === 'string' ? a.value : JSON.stringify(a.value)) : '';
  return `${prefix}${a.type}${value ? ` ${value.length > 40 ? `${value.slice(0, 37)}...` : value}` : ''}`;
}

async function check(a: Assertion, obs: Observation, judge: Judge | undefined): Promise<Outcome> {
  const scope = { input: obs.input, expected: obs.expected };
  const render = (text: string) => renderTemplate(text, scope);
  const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]).map(render);
  switch (a.type) {
    case 'equals':
      return equalsCheck(obs.output, typeof a.value === 'string' ? render(a.value) : a.value);
    case 'contains':
    case 'icontains':
      return containsCheck(obs.output, [render(a.value)], { ignoreCase: a.type === 'icontains', all: true });
    case 'contains-any':
    case 'contains-all':
    case 'icontains-any':
    case 'icontains-all':
      return containsCheck(obs.output, list(a.value), { ignoreCase: a.type.startsWith('i'), all: a.type.endsWith('all') });
    case 'starts-with':
      return startsWithCheck(obs.output, render(a.value));
    case 'regex':
      return regexCheck(obs.output, a.value, a.flags);
    case 'is-json':
      return jsonCheck(obs.output, a.value);
    case 'json-schema':
      return jsonCheck(obs.output, a.value);
    case 'cel':
      return celCheck(a.value, obs);
    case 'node':
      return nodeCheck(a, obs, a.contains === undefined ? undefined : render(a.contains));
    case 'latency':
    case 'cost':
      return ceilingCheck(a.type, a.threshold, obs);
    case 'llm-rubric':
    case 'factuality': {
      if (!judge) return { pass: false, score: 0, reason: `${a.type} needs a judge: add "judge": {"model": ...} to the eval` };
      if (a.type === 'llm-rubric') return rubricCheck(judge, render(a.value), outputText(obs.output), a.threshold);
      const reference = a.value !== undefined ? render(a.value) : obs.expected === undefined ? undefined : outputText(obs.expected);
      if (reference === undefined) return { pass: false, score: 0, reason: 'factuality needs a reference: the item has no expected answer' };
      return factualityCheck(judge, inputAsText(obs.input), reference, outputText(obs.output));
    }
  }
}

export async function evaluateAssertion(a: Assertion, obs: Observation, judge?: Judge): Promise<AssertionResult> {
  const name = nameOf(a);
  const weight = a.weight ?? 1;
  let outcome: Outcome;
  try {
    outcome = await check(a, obs, judge);
  } catch (err) {
    outcome = { pass: false, score: 0, reason: `error: ${(err as Error).message}` };
  }
  if (a.negate && !outcome.ungraded) outcome = { ...outcome, pass: !outcome.pass, score: 1 - outcome.score, reason: `not (${outcome.reason})` };
  return { name, weight: outcome.ungraded ? 0 : weight, ...outcome };
}

export interface ItemScore {
  pass: boolean;
  score: number;
}

export function scoreItem(results: readonly AssertionResult[], runOk: boolean, threshold?: number): ItemScore {
  if (!runOk) return { pass: false, score: 0 };
  const weighted = results.filter((r) => r.weight > 0);
  const total = weighted.reduce((s, r) => s + r.weight, 0);
  const score = total === 0 ? 1 : weighted.reduce((s, r) => s + r.weight * r.score, 0) / total;
  const pass = threshold === undefined ? weighted.every((r) => r.pass) : score >= threshold - 1e-12;
  return { pass, score };
}
