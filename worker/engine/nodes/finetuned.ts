// A fine-tuned model call. When the call fails for good (the provider gave up, the node timed out,
// or a JSON answer is not JSON or breaks the schema) and the `fallback` handle is connected, the
// run continues there (e.g. the base model with an engineered prompt) and the trace says why.
import * as z from 'zod';
import { WeirError, toWeirError } from '../errors';
import { widget } from '../widgets';
import { callModel, checkModelCall, modelCallFields, modelPromptRefs, modelProviders, modelTemplates, promptSource } from './model-call';
import { defineNode, type NodeRunArgs } from './types';

export const finetunedData = z.strictObject({
  provider: modelCallFields.provider,
  model: widget(z.string().min(1), 'finetuned-model', 'Fine-tuned model id, e.g. ft:gpt-4o-mini-2024-07-18:acme:x1000:abc123'),
  baseModel: widget(z.string().min(1), 'model', 'The model it was fine-tuned from (recorded in the trace)'),
  system: modelCallFields.system,
  prompt: promptSource.optional().describe('Optional prompt; without one the model gets the request input'),
  temperature: modelCallFields.temperature,
  maxTokens: modelCallFields.maxTokens,
  responseFormat: modelCallFields.responseFormat,
});
export type FinetunedData = z.infer<typeof finetunedData>;

export const FALLBACK_HANDLE = 'fallback';

/** Failures that end the fine-tuned call for good, as opposed to the run ending (deadline, client gone). */
export const fallsBack = (error: WeirError) =>
  error.code.startsWith('provider_') || error.code === 'node_timeout' || error.code === 'bad_json_output';

/** Settles as soon as the node's signal aborts, so a timeout reaches the fallback even if the provider ignores the signal. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function runFinetuned(args: NodeRunArgs<FinetunedData>) {
  try {
    return await untilAborted(callModel(args, args.data.model, { baseModel: args.data.baseModel }), args.signal);
  } catch (err) {
    const error = toWeirError(err, 'provider_error', args.id);
    // Only this node's own timeout may fall back; an abort for any other reason ends the run.
    const abortedByRun = args.signal.aborted && toWeirError(args.signal.reason).code !== 'node_timeout';
    if (!fallsBack(error) || abortedByRun || !args.connectedHandles.has(FALLBACK_HANDLE)) throw error;
    return {
      output: null,
      handle: FALLBACK_HANDLE,
      status: 'fell_back' as const,
      trace: { ...error.partialTrace, baseModel: args.data.baseModel, error: { code: error.code, message: error.message } },
    };
  }
}

export const finetunedNode = defineNode<FinetunedData>({
  type: 'finetuned',
  label: 'Fine-tuned model',
  description: 'Calls a fine-tuned model, optionally with a prompt; falls back when it fails for good.',
  color: '#7c3aed',
  data: finetunedData,
  defaults: () => ({ model: 'ft:gpt-4o-mini-2024-07-18:org:name:id', baseModel: 'gpt-4o-mini-2024-07-18' }),
  summary: (data) => [data.model.length > 44 ? `${data.model.slice(0, 43)}…` : data.model, `base ${data.baseModel}`],
  handles: () => [
    { id: 'out', label: 'out' },
    { id: FALLBACK_HANDLE, label: 'fallback' },
  ],
  templates: modelTemplates,
  promptRefs: modelPromptRefs,
  providers: modelProviders,
  callsModel: true,
  check: checkModelCall,
  run: runFinetuned,
});
