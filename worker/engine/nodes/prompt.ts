// A model call driven by a prompt: a KV prompt reference (name@label, name@3) or inline text.
import * as z from 'zod';
import { callModel, modelCallFields, modelPromptRefs, modelTemplates, promptSource } from './model-call';
import { defineNode, mainHandle, none } from './types';

export const promptData = z.strictObject({
  provider: modelCallFields.provider,
  model: z.string().min(1).optional().describe("Model id; falls back to the prompt version's default model"),
  system: z.string().optional().describe('System message (a template)'),
  prompt: promptSource.describe('A KV prompt reference or inline template text'),
  temperature: modelCallFields.temperature,
  maxTokens: modelCallFields.maxTokens,
  responseFormat: modelCallFields.responseFormat,
});
export type PromptData = z.infer<typeof promptData>;

export const promptNode = defineNode<PromptData>({
  type: 'prompt',
  label: 'Prompt',
  description: 'Renders a prompt template and calls a model. JSON answers are parsed into objects.',
  data: promptData,
  defaults: () => ({ model: 'gpt-4o-mini', prompt: { text: '{{input.question}}' } }),
  acceptsInput: true,
  handles: () => mainHandle,
  templates: modelTemplates,
  expressions: none,
  promptRefs: modelPromptRefs,
  callsModel: true,
  run: (args) => callModel(args, args.data.model),
});
