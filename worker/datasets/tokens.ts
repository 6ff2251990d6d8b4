// Token counts for fine-tuning files, estimated without a tokenizer: four characters a token per
// message (the rule of thumb OpenAI documents for English) plus the chat format's overhead of
// three tokens a message and three for the reply (OpenAI's cookbook count). Reports say "≈".
import type { ChatMessageItem } from './schema';

export const textTokens = (text: string): number => Math.ceil(text.length / 4);

export const messagesTokens = (messages: readonly ChatMessageItem[]): number =>
  messages.reduce((sum, m) => sum + 3 + textTokens(m.content), 3);
