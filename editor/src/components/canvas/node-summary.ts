// One or two short lines that say what a node does, shown on the canvas under its id.
import type { FlowNode } from '../../engine';

const clip = (s: string, n = 48) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function nodeSummary(node: FlowNode): string[] {
  const d = node.data as Record<string, unknown>;
  const prompt = d.prompt as { ref?: string; text?: string } | undefined;
  const promptLine = prompt?.ref ? `prompt ${prompt.ref}` : prompt?.text ? `“${clip(prompt.text.replace(/\s+/g, ' '), 40)}”` : undefined;
  const format = (d.responseFormat as { type?: string } | undefined)?.type === 'json' ? ' · json' : '';
  switch (node.type) {
    case 'input':
      return ['request input'];
    case 'prompt':
      return [
        `${d.provider ? `${String(d.provider)} · ` : ''}${String(d.model ?? 'prompt default model')}${format}`,
        ...(promptLine ? [promptLine] : []),
      ];
    case 'finetuned':
      return [clip(String(d.model ?? ''), 44), `base ${String(d.baseModel ?? '?')}`];
    case 'condition':
      return [];
    case 'template':
      return [`${d.format === 'json' ? 'JSON' : 'text'}: ${clip(String(d.template ?? '').replace(/\s+/g, ' '), 40)}`];
    case 'output':
      return [d.value ? clip(String(d.value)) : d.fields ? `{ ${Object.keys(d.fields as object).join(', ')} }` : 'upstream output'];
    default:
      return [];
  }
}
