// Rough token counts (four characters a token) for the echo provider and for servers that
// stream without reporting usage.
import type { ChatMessage, Usage } from '../engine/types';

export const estimateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

export const estimateUsage = (messages: readonly ChatMessage[], output: string): Usage => ({
  inputTokens: estimateTokens(messages.map((m) => m.content).join('\n')),
  outputTokens: estimateTokens(output),
});
