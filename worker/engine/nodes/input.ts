// The flow's entry point: its output is the validated request input.
import * as z from 'zod';
import { defineNode, mainHandle, none } from './types';

export const inputNode = defineNode({
  type: 'input',
  label: 'Input',
  description: 'The request input, checked against the flow input declaration.',
  data: z.strictObject({}),
  defaults: () => ({}),
  acceptsInput: false,
  handles: () => mainHandle,
  templates: none,
  expressions: none,
  promptRefs: none,
  callsModel: false,
  run: async ({ scope }) => ({ output: scope.input }),
});
