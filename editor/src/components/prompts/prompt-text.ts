// A prompt version's template as one text, for display and diffs.
import type { PromptTemplate } from '../../api/types';

export const templateText = (t: PromptTemplate): string =>
  'text' in t ? t.text : t.messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n');
