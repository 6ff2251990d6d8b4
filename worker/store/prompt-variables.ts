// The variables a prompt version uses, derived from its template with the engine's own parser,
// so the API, the editor and the engine agree on what `{{input.question}}` means.
import { WeirError } from '../engine/errors';
import { templateVariables } from '../engine/template';
import type { PromptTemplate } from '../engine/types';
import { StoreError } from './errors';

function texts(template: PromptTemplate): { text: string; path: string }[] {
  if ('text' in template) return [{ text: template.text, path: '$.template.text' }];
  return template.messages.map((m, i) => ({ text: m.content, path: `$.template.messages[${i}].content` }));
}

/** Top-level variable names in order of first use; throws StoreError('invalid') if a part does not parse. */
export function promptVariables(template: PromptTemplate): string[] {
  const names = new Set<string>();
  for (const { text, path } of texts(template)) {
    try {
      for (const v of templateVariables(text)) if (!v.inSection) names.add(v.name);
    } catch (err) {
      const message = err instanceof WeirError ? err.message : String(err);
      throw new StoreError('invalid', `the template does not parse: ${message}`, [
        { code: 'template_error', message, path, severity: 'error' },
      ]);
    }
  }
  return [...names];
}
