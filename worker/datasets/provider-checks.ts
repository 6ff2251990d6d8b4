// The offline checks each fine-tuning provider applies to an uploaded file, run before anything
// leaves the machine: minimum examples, allowed roles and their order, an assistant answer to
// learn, and the per-example token limit. Sources (read 2025-06): OpenAI's fine-tuning guide
// and cookbook data-prep checks (at least 10 examples, 65,536 tokens an example for gpt-4o and
// gpt-4.1 families, 16,385 for gpt-3.5-turbo); Together's data-preparation page (conversations
// start with system or user, then alternate user and assistant); Fireworks' SFT guide (at least
// 3 and at most 3 million examples, system only as the first message).
import type { Problem } from '../engine/problems';
import type { ChatMessageItem } from './schema';
import { messagesTokens } from './tokens';

export type ExportFormat = 'openai-chat' | 'openai-dpo' | 'together' | 'fireworks';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['openai-chat', 'openai-dpo', 'together', 'fireworks'];

export interface ProviderRules {
  provider: 'openai' | 'together' | 'fireworks';
  minExamples: number;
  maxExamples?: number;
  maxTokensPerExample: number;
  /** Conversations must alternate user and assistant after an optional leading system message. */
  alternate: boolean;
}

export function rulesFor(format: ExportFormat, baseModel?: string): ProviderRules {
  switch (format) {
    case 'openai-chat':
    case 'openai-dpo':
      return {
        provider: 'openai',
        minExamples: 10,
        maxTokensPerExample: baseModel?.startsWith('gpt-3.5') ? 16_385 : 65_536,
        alternate: false,
      };
    case 'together':
      return { provider: 'together', minExamples: 1, maxTokensPerExample: 8_192, alternate: true };
    case 'fireworks':
      return { provider: 'fireworks', minExamples: 3, maxExamples: 3_000_000, maxTokensPerExample: 32_768, alternate: true };
  }
}

const err = (path: string, code: string, message: string, severity: Problem['severity'] = 'error'): Problem => ({
  code,
  message,
  path,
  severity,
});

/** Problems with one example's messages (the answer included), under the provider's rules. */
export function checkExample(messages: readonly ChatMessageItem[], rules: ProviderRules, where: string, maxTokens?: number): Problem[] {
  const problems: Problem[] = [];
  if (!messages.some((m) => m.role === 'assistant')) problems.push(err(where, 'missing_assistant', 'the example has no assistant answer to learn'));
  if (messages[messages.length - 1]?.role !== 'assistant')
    problems.push(err(where, 'last_not_assistant', 'the example must end with the assistant answer'));
  messages.forEach((m, i) => {
    if (m.content.trim() === '') problems.push(err(where, 'empty_content', `message ${i + 1} (${m.role}) is empty`));
    if (m.role === 'system' && i > 0) problems.push(err(where, 'system_not_first', `message ${i + 1}: a system message may only come first`));
  });
  if (rules.alternate) {
    const turns = messages.filter((m, i) => !(i === 0 && m.role === 'system'));
    turns.forEach((m, i) => {
      const want = i % 2 === 0 ? 'user' : 'assistant';
      if (m.role !== want && m.role !== 'system')
        problems.push(err(where, 'roles_not_alternating', `${rules.provider} needs user and assistant turns to alternate; turn ${i + 1} is ${m.role}`));
    });
  }
  const limit = maxTokens ?? rules.maxTokensPerExample;
  const tokens = messagesTokens(messages);
  if (tokens > limit) problems.push(err(where, 'example_too_long', `≈${tokens} tokens, over ${rules.provider}'s limit of ${limit} an example`));
  return problems;
}

export function checkCounts(train: number, rules: ProviderRules): Problem[] {
  const problems: Problem[] = [];
  if (train < rules.minExamples)
    problems.push(err('train', 'too_few_examples', `${rules.provider} needs at least ${rules.minExamples} training examples; the train split has ${train}`));
  if (rules.maxExamples !== undefined && train > rules.maxExamples)
    problems.push(err('train', 'too_many_examples', `${rules.provider} takes at most ${rules.maxExamples} examples; the train split has ${train}`));
  return problems;
}
