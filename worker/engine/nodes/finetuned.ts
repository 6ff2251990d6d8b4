// A fine-tuned model call. When the call fails for good and the `fallback` handle is connected,
// the run continues there (e.g. the base model with an engineered prompt) and the trace says so.
import * as z from 'zod';
import { isFinalLlmFailure, toWeirError } from '../errors';
import { callModel, modelCallFields, modelPromptRefs, modelTemplates, promptSource } from './model-call';
import { defineNode, none } from './types';

export const finetunedData = z.strictObject({
  provider: modelCallFields.provider,
  model: z.string().min(1).describe('Fine-tuned model id, e.g. ft:gpt-4o-mini-2024-07-18:acme:x1000:abc123'),
  baseModel: z.string().min(1).describe('The model it was fine-tuned from (recorded in the trace)'),
  system: z.string().optional().describe('System message (a template)'),
  prompt: promptSource.optional().describe('Optional prompt; without one the model gets the request input'),
  temperature: modelCallFields.temperature,
  maxTokens: modelCallFields.maxTokens,
  responseFormat: modelCallFields.responseFormat,
});
export type FinetunedData = z.infer<typeof finetunedData>;

export const FALLBACK_HANDLE = 'fallback';

export const finetunedNode = defineNode<FinetunedData>({
  type: 'finetuned',
  label: 'Fine-tuned model',
  description: 'Calls a fine-tuned model, optionally with a prompt; falls back when it fails for good.',
  data: finetunedData,
  defaults: () => ({ model: 'ft:gpt-4o-mini-2024-07-18:org:name:id', baseModel: 'gpt-4o-mini-2024-07-18' }),
  acceptsInput: true,
  handles: () => [
    { id: 'out', label: 'out' },
    { id: FALLBACK_HANDLE, label: 'fallback' },
  ],
  templates: modelTemplates,
  expressions: none,
  promptRefs: modelPromptRefs,
  callsModel: true,
  run: async (args) => {
    try {
      return await callModel(args, args.data.model, { baseModel: args.data.baseModel });
    } catch (err) {
      const error = toWeirError(err, 'provider_error', args.id);
      if (!isFinalLlmFailure(error) || !args.connectedHandles.has(FALLBACK_HANDLE) || args.signal.aborted) throw error;
      return {
        output: null,
        handle: FALLBACK_HANDLE,
        status: 'fell_back',
        trace: { ...error.partialTrace, baseModel: args.data.baseModel, error: { code: error.code, message: error.message } },
      };
    }
  },
});
