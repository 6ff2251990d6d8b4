// The flow's entry point: its output is the validated request input.
import * as z from 'zod';
import { defineNode } from './types';

export const inputNode = defineNode({
  type: 'input',
  label: 'Input',
  description: 'The request input, checked against the flow input declaration.',
  color: '#64748b',
  data: z.strictObject({}),
  defaults: () => ({}),
  summary: () => ['request input'],
  acceptsInput: false,
  entry: true,
  run: async ({ scope }) => ({ output: scope.input }),
});
