// Text or JSON assembled from a template without a model call.
import * as z from 'zod';
import { WeirError } from '../errors';
import { renderTemplate } from '../template';
import { widget } from '../widgets';
import { defineNode } from './types';

export const templateData = z.strictObject({
  format: widget(z.enum(['text', 'json']), 'enum', 'json parses the rendered text; values are JSON-escaped').optional(),
  template: widget(z.string(), 'template', 'Mustache template over input and nodes'),
});
export type TemplateData = z.infer<typeof templateData>;

const oneLine = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

export const templateNode = defineNode<TemplateData>({
  type: 'template',
  label: 'Template',
  description: 'Assembles text or JSON from the input and upstream outputs, with no model call.',
  color: '#0284c7',
  data: templateData,
  defaults: () => ({ template: '{{input.question}}' }),
  summary: (data) => [`${data.format === 'json' ? 'JSON' : 'text'}: ${oneLine(data.template.replace(/\s+/g, ' '))}`],
  templates: (data) => [{ path: ['template'], source: data.template, mode: data.format === 'json' ? 'json' : 'text' }],
  run: async ({ data, scope, id, limits }) => {
    const text = renderTemplate(data.template, scope, data.format === 'json' ? 'json' : 'text', limits);
    if (data.format !== 'json') return { output: text };
    try {
      return { output: JSON.parse(text) };
    } catch {
      throw new WeirError('template_error', `rendered JSON does not parse: ${text.slice(0, 120)}`, { nodeId: id });
    }
  },
});
