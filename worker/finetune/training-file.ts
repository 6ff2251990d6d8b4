// Offline checks of a fine-tuning JSONL file before anything is uploaded: every line JSON in the
// method's shape (supervised: `messages` ending in an assistant answer; DPO: `input.messages`,
// `preferred_output`, `non_preferred_output`), the provider's minimum number of examples, and a
// token count (about four characters a token) for the estimate.
import type { Problem } from '../engine/problems';
import type { TrainerType, TrainingMethod } from './trainer';

export const MIN_EXAMPLES: Record<TrainerType, number> = { openai: 10, together: 1, fireworks: 3 };
const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

export interface FileCheck {
  examples: number;
  tokens: number;
  problems: Problem[];
}

type Msg = { role?: unknown; content?: unknown };
const tokensOf = (messages: Msg[]) =>
  messages.reduce((n, m) => n + Math.ceil((typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '')).length / 4) + 4, 0);

function messagesProblem(messages: unknown, needAssistantLast: boolean): string | undefined {
  if (!Array.isArray(messages) || messages.length === 0) return 'needs a non-empty "messages" list';
  for (const [i, m] of (messages as Msg[]).entries()) {
    if (typeof m !== 'object' || m === null || typeof m.role !== 'string' || !ROLES.has(m.role))
      return `message ${i + 1} has no valid role`;
    if (m.role !== 'assistant' && typeof m.content !== 'string') return `message ${i + 1} (${m.role}) has no text content`;
  }
  if (needAssistantLast && (messages as Msg[]).at(-1)?.role !== 'assistant') return 'must end with the assistant answer to learn';
  return undefined;
}

/** Checks one file; `what` names it in problem paths ("train", "validation"). */
export function checkTrainingFile(jsonl: string, method: TrainingMethod, what: string, trainer?: TrainerType): FileCheck {
  const problems: Problem[] = [];
  const lines = jsonl.split('\n');
  let examples = 0;
  let tokens = 0;
  const problem = (line: number, code: string, message: string) =>
    problems.length < 50 &&
    problems.push({ code, message: `${what} line ${line}: ${message}`, path: `${what}:${line}`, severity: 'error' });
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    examples += 1;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return void problem(i + 1, 'bad_json', 'is not valid JSON');
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return void problem(i + 1, 'bad_example', 'must be a JSON object');
    if (method === 'supervised') {
      const p = messagesProblem(row.messages, true);
      if (p) return void problem(i + 1, 'bad_example', p);
      tokens += tokensOf(row.messages as Msg[]);
    } else {
      const input = row.input as { messages?: unknown } | undefined;
      const p =
        messagesProblem(input?.messages, false) ??
        messagesProblem(row.preferred_output, true) ??
        messagesProblem(row.non_preferred_output, true);
      if (p) return void problem(i + 1, 'bad_example', `DPO examples need input.messages, preferred_output and non_preferred_output: ${p}`);
      tokens += tokensOf(input!.messages as Msg[]) + tokensOf(row.preferred_output as Msg[]) + tokensOf(row.non_preferred_output as Msg[]);
    }
  });
  const min = trainer ? MIN_EXAMPLES[trainer] : 1;
  if (what === 'train' && examples < min)
    problems.push({
      code: 'too_few_examples',
      message: `${trainer} needs at least ${min} training examples; the file has ${examples}`,
      path: what,
      severity: 'error',
    });
  return { examples, tokens, problems };
}
