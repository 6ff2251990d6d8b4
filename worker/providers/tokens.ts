// Rough token counts (four characters a token) for the echo provider and for servers that
// stream without reporting usage.
import type { ChatMessage, Usage } from '../engine/types';

export const estimateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

export const estimateUsage = (messages: readonly ChatMessage[], output: string): Usage => ({
  inputTokens: estimateTokens(messages.map((m) => m.content).join('\n')),
  outputTokens: estimateTokens(output),
});

interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
}

/** OpenAI's usage block as the engine's Usage, with cached input and reasoning tokens when reported. */
export function usageFromOpenAI(u: OpenAIUsage): Usage {
  const cached = u.prompt_tokens_details?.cached_tokens;
  const reasoning = u.completion_tokens_details?.reasoning_tokens;
  return {
    inputTokens: u.prompt_tokens,
    outputTokens: u.completion_tokens,
    ...(typeof cached === 'number' ? { cachedInputTokens: cached } : {}),
    ...(typeof reasoning === 'number' ? { reasoningTokens: reasoning } : {}),
  };
}
