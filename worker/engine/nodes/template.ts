// Text or JSON assembled from a template without a model call.
import * as z from 'zod';
import { WeirError } from '../errors';
import { renderTemplate } from '../template';
import { defineNode, mainHandle, none } from './types';

export const templateData = z.strictObject({
  format: z.enum(['text', 'json']).optional().describe('json parses the rendered text; values are JSON-escaped'),
  template: z.string().describe('Mustache template over input and nodes'),
});
export type TemplateData = z.infer<typeof templateData>;

export const templateNode = defineNode<TemplateData>({
  type: 'template',
  label: 'Template',
  description: 'Assembles text or JSON from the input and upstream outputs, with no model call.',
  data: templateData,
  defaults: () => ({ template: '{{input.question}}' }),
  acceptsInput: true,
  handles: () => mainHandle,
  templates: (data) => [{ path: ['template'], source: data.template, mode: data.format === 'json' ? 'json' : 'text' }],
  expressions: none,
  promptRefs: none,
  callsModel: false,
  run: async ({ data, scope, id }) => {
    const text = renderTemplate(data.template, scope as unknown as Record<string, unknown>, data.format === 'json' ? 'json' : 'text');
    if (data.format !== 'json') return { output: text };
    try {
      return { output: JSON.parse(text) };
    } catch {
      throw new WeirError('template_error', `rendered JSON does not parse: ${text.slice(0, 120)}`, { nodeId: id });
    }
  },
});
