// Model-graded checks through the same LlmClient the engine uses: llm-rubric (a score from 0 to
// 1 against a rubric) and factuality (OpenAI evals' five categories against a reference), and
// pairwise preference asked in both orders. The offline echo provider cannot judge: its
// verdicts are marked ungraded and weigh nothing, rather than passing or failing by accident.
import type { LlmResponse } from '../../engine/types';
import type { AssertionResult, Judge } from './context';

type Graded = Omit<AssertionResult, 'name' | 'weight'>;

async function ask(judge: Judge, system: string, user: string, schema: Record<string, unknown>): Promise<{ value: Record<string, unknown>; response: LlmResponse }> {
  const response = await judge.llm.complete({
    provider: judge.config.provider ?? 'default',
    model: judge.config.model,
    temperature: judge.config.temperature ?? 0,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
    responseFormat: { type: 'json', schema },
    signal: judge.signal ?? new AbortController().signal,
  });
  const body = response.text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new Error(`the judge did not answer JSON: ${response.text.slice(0, 100)}`);
  }
  if (typeof value !== 'object' || value === null) throw new Error('the judge did not answer a JSON object');
  return { value: value as Record<string, unknown>, response };
}

const usageOf = (r: LlmResponse) => ({ model: r.model, inputTokens: r.usage.inputTokens, outputTokens: r.usage.outputTokens });
const ungraded = (r: LlmResponse): Graded => ({
  pass: false,
  score: 0,
  reason: 'not graded: the judge is the offline echo provider (configure a provider to grade)',
  ungraded: true,
  judgeUsage: usageOf(r),
});

const RUBRIC_SYSTEM =
  'You grade an answer against a rubric. Judge only what the rubric asks. Reply with JSON only: {"reason": a sentence, "score": a number from 0 (does not meet the rubric) to 1 (fully meets it)}.';
const RUBRIC_SCHEMA = {
  type: 'object',
  properties: { reason: { type: 'string' }, score: { type: 'number', minimum: 0, maximum: 1 } },
  required: ['reason', 'score'],
};

export async function rubricCheck(judge: Judge, rubric: string, answer: string, threshold = 0.5): Promise<Graded> {
  const { value, response } = await ask(judge, RUBRIC_SYSTEM, `Rubric:\n${rubric}\n\nAnswer:\n${answer}`, RUBRIC_SCHEMA);
  if (response.echo) return ungraded(response);
  const score = typeof value.score === 'number' ? Math.min(1, Math.max(0, value.score)) : NaN;
  if (Number.isNaN(score)) throw new Error('the judge gave no numeric score');
  const reason = typeof value.reason === 'string' ? value.reason : '';
  return { pass: score >= threshold, score, reason: `score ${score.toFixed(2)} (pass ≥ ${threshold}): ${reason}`, judgeUsage: usageOf(response) };
}

const FACT_SYSTEM = `You compare a submitted answer with an expert answer to the same question, for factual content only (ignore style). Choose one:
(A) the submission is a subset of the expert answer and fully consistent with it;
(B) the submission is a superset of the expert answer and fully consistent with it;
(C) the submission has the same details as the expert answer;
(D) the submission disagrees with the expert answer;
(E) they differ, but the differences do not matter for factuality.
Reply with JSON only: {"reason": a sentence, "choice": "A", "B", "C", "D" or "E"}.`;
const FACT_SCHEMA = {
  type: 'object',
  properties: { reason: { type: 'string' }, choice: { type: 'string', enum: ['A', 'B', 'C', 'D', 'E'] } },
  required: ['reason', 'choice'],
};

export async function factualityCheck(judge: Judge, question: string, reference: string, answer: string): Promise<Graded> {
  const user = `Question:\n${question}\n\nExpert answer:\n${reference}\n\nSubmitted answer:\n${answer}`;
  const { value, response } = await ask(judge, FACT_SYSTEM, user, FACT_SCHEMA);
  if (response.echo) return ungraded(response);
  const choice = typeof value.choice === 'string' ? value.choice.trim().toUpperCase().slice(0, 1) : '';
  if (!'ABCDE'.includes(choice) || choice === '') throw new Error(`the judge chose no category A-E: ${JSON.stringify(value.choice)}`);
  const pass = choice !== 'D';
  return { pass, score: pass ? 1 : 0, reason: `(${choice}) ${typeof value.reason === 'string' ? value.reason : ''}`, judgeUsage: usageOf(response) };
}

const PAIR_SYSTEM =
  'You compare two answers to the same question against a rubric. Reply with JSON only: {"reason": a sentence, "winner": "A", "B" or "tie"}.';
const PAIR_SCHEMA = {
  type: 'object',
  properties: { reason: { type: 'string' }, winner: { type: 'string', enum: ['A', 'B', 'tie'] } },
  required: ['reason', 'winner'],
};

export interface PairVerdict {
  /** 'a' or 'b' when both orders agree, 'tie' otherwise; null when the echo judge could not grade. */
  winner: 'a' | 'b' | 'tie' | null;
  orders: [string, string];
  usage: { model: string; inputTokens: number; outputTokens: number }[];
}

/** Asks with a first and with b first; a position-biased judge that always picks "A" yields a tie. */
export async function pairwiseCheck(judge: Judge, question: string, rubric: string, a: string, b: string): Promise<PairVerdict> {
  const one = async (first: string, second: string) => {
    const user = `Rubric:\n${rubric}\n\nQuestion:\n${question}\n\nAnswer A:\n${first}\n\nAnswer B:\n${second}`;
    const { value, response } = await ask(judge, PAIR_SYSTEM, user, PAIR_SCHEMA);
    const w = typeof value.winner === 'string' ? value.winner.trim().toLowerCase() : 'tie';
    return { winner: w === 'a' ? 'A' : w === 'b' ? 'B' : 'tie', response };
  };
  const [ab, ba] = await Promise.all([one(a, b), one(b, a)]);
  const usage = [usageOf(ab.response), usageOf(ba.response)];
  if (ab.response.echo || ba.response.echo) return { winner: null, orders: [ab.winner, ba.winner], usage };
  const first = ab.winner === 'A' ? 'a' : ab.winner === 'B' ? 'b' : 'tie';
  const second = ba.winner === 'A' ? 'b' : ba.winner === 'B' ? 'a' : 'tie';
  return { winner: first === second ? first : 'tie', orders: [ab.winner, ba.winner], usage };
}
