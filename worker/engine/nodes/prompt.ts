// A model call driven by a prompt: a KV prompt reference (name@label, name@3) or inline text.
import * as z from 'zod';
import { widget } from '../widgets';
import {
  callModel,
  checkModelCall,
  modelCallFields,
  modelPromptRefs,
  modelProviders,
  modelSummary,
  modelTemplates,
  promptSource,
} from './model-call';
import { defineNode } from './types';

export const promptData = z.strictObject({
  provider: modelCallFields.provider,
  model: widget(z.string().min(1), 'model', "Model id; falls back to the prompt version's default model").optional(),
  system: modelCallFields.system,
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
  color: '#0f766e',
  data: promptData,
  defaults: () => ({ model: 'gpt-4o-mini', prompt: { text: '{{input.question}}' } }),
  summary: (data) => modelSummary(data, data.model ?? 'prompt default model'),
  templates: modelTemplates,
  promptRefs: modelPromptRefs,
  providers: modelProviders,
  callsModel: true,
  check: checkModelCall,
  run: (args) => callModel(args, args.data.model),
});
