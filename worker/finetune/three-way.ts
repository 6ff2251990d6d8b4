// The three-way evaluation a succeeded job gets by itself (issue 10): one eval of the target flow
// on its dataset's test split with three variants of the target node, so the technique
// comparison answers "prompt engineering, fine-tuning, or both?":
//   base+prompt       the engineered prompt on the base model (the flow's own prompt path);
//   finetuned         the fine-tuned model with a short prompt (the node's own, else the raw input);
//   finetuned+prompt  the fine-tuned model with the engineered prompt.
// Pure: the Workflow and the tests hand it the job, the flow, the registry entry and, when the
// flow already has an eval on this dataset, that eval (its assertions, judge and threshold).
import type { Flow, FlowNode } from '../engine/schema';
import type { EvalFile, NodeOverride } from '../evals/schema';
import type { FinetuneJob, JobTarget, RegistryEntry } from './store/types';

export const THREE_WAY = { prompt: 'base+prompt', finetuned: 'finetuned', both: 'finetuned+prompt' } as const;

export interface ThreeWayInput {
  job: Pick<FinetuneJob, 'id' | 'baseModel' | 'fineTunedModel' | 'datasetName' | 'trainTokens' | 'hyperparameters'>;
  target: JobTarget;
  flow: Flow;
  registry?: Pick<RegistryEntry, 'provider' | 'prices' | 'hostingPerHour' | 'retiresAt'>;
  /** Providers configured in the worker: the registry's provider is used only when it is one. */
  providers?: string[];
  /** An eval of the same flow and dataset: its assertions, judge, threshold and prices carry over. */
  template?: EvalFile;
}

export class ThreeWayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThreeWayError';
  }
}

type Data = Record<string, unknown>;
type Prompt = NonNullable<NodeOverride['prompt']>;

/** Where the engineered prompt lives: the prompt node the fallback edge leads to, else the node itself. */
export function engineeredSource(flow: Flow, node: FlowNode): FlowNode | undefined {
  if (node.type === 'prompt') return node;
  const edge = flow.edges.find((e) => e.source === node.id && e.sourceHandle === 'fallback');
  const fallback = edge && flow.nodes.find((n) => n.id === edge.target);
  if (fallback?.type === 'prompt') return fallback;
  return (node.data as Data).prompt ? node : undefined;
}

/** A prompt that hands the model the input as the training examples did (one field: its text). */
function passthrough(flow: Flow): Prompt {
  const fields = Object.keys(flow.input?.fields ?? {});
  if (fields.length === 1) return { text: `{{input.${fields[0]}}}` };
  return { text: fields.map((f) => `${f}: {{input.${f}}}`).join('\n') || '{{input}}' };
}

export function threeWayEval(input: ThreeWayInput): EvalFile {
  const { job, target, flow, registry, template } = input;
  const model = job.fineTunedModel;
  if (!model) throw new ThreeWayError(`job ${job.id} has no fine-tuned model`);
  if (!job.datasetName) throw new ThreeWayError(`job ${job.id} names no dataset to evaluate on`);
  const node = flow.nodes.find((n) => n.id === target.node);
  if (!node) throw new ThreeWayError(`flow "${flow.id}" has no node "${target.node}"`);
  if (node.type !== 'finetuned' && node.type !== 'prompt')
    throw new ThreeWayError(`node "${target.node}" is a ${node.type} node; it must call a model`);
  const data = node.data as Data;
  const serving = registry?.provider && (input.providers ?? []).includes(registry.provider) ? registry.provider : undefined;
  const engineered = engineeredSource(flow, node);
  const engData = (engineered?.data ?? {}) as Data;
  const engPrompt = engData.prompt as Prompt | undefined;
  const engSystem = (engData.system as string | undefined) ?? null;
  // The fine-tuned model's short prompt: a fine-tuned node's own (when it is not the engineered one), else the raw input.
  const ownIsShort = node.type === 'finetuned' && engineered !== node;
  const shortPrompt: Prompt | null = ownIsShort
    ? ((data.prompt as Prompt | undefined) ?? null)
    : node.type === 'prompt'
      ? passthrough(flow)
      : null;
  const shortSystem = ownIsShort ? ((data.system as string | undefined) ?? null) : null;
  const baseProvider = engineered && engineered !== node ? ((engData.provider as string | undefined) ?? 'default') : serving;
  const override = (o: NodeOverride): Record<string, NodeOverride> => ({
    [target.node]: Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as NodeOverride,
  });
  const withEngineered = engPrompt ? { prompt: engPrompt, system: engSystem } : {};
  const describe = (what: string) => `${what} (node ${target.node})`;
  const variants: EvalFile['variants'] = [
    {
      name: THREE_WAY.prompt,
      description: describe(
        `The base model ${job.baseModel} with the engineered prompt${engineered && engineered !== node ? ` of node ${engineered.id}` : ''}`,
      ),
      overrides: override({ model: job.baseModel, provider: baseProvider, ...withEngineered }),
    },
    {
      name: THREE_WAY.finetuned,
      description: describe(
        `The fine-tuned model ${model} with ${shortPrompt ? 'its short prompt' : 'no prompt: the raw input, as it was trained'}`,
      ),
      overrides: override({ model, provider: serving, prompt: shortPrompt, system: shortSystem }),
    },
    {
      name: THREE_WAY.both,
      description: describe(`The fine-tuned model ${model} with the engineered prompt`),
      overrides: override({ model, provider: serving, ...withEngineered }),
    },
  ];
  const price = registry?.prices;
  const ftPrice = price
    ? Object.fromEntries(
        Object.entries({
          input: price.inputPerMTok,
          cachedInput: price.cachedInputPerMTok,
          output: price.outputPerMTok,
          hostingPerHour: registry?.hostingPerHour,
          retires: registry?.retiresAt ?? undefined,
        }).filter(([, v]) => v !== null && v !== undefined),
      )
    : {};
  const judge = template?.judge ?? { model: job.baseModel, ...(serving ? { provider: serving } : {}), temperature: 0 };
  return {
    version: 1,
    name: `finetune-${job.id}`,
    description: `Three-way comparison for fine-tuning job ${job.id}: prompt engineering, fine-tuning, or both, on ${flow.id} node ${target.node}.`,
    flow: flow.id,
    dataset: { name: job.datasetName, split: 'test' },
    variants,
    assert: template?.assert ?? [{ type: 'factuality', metric: 'agrees with the expected answer' }],
    ...(template?.threshold !== undefined ? { threshold: template.threshold } : {}),
    ...(template?.repeats !== undefined ? { repeats: template.repeats } : {}),
    ...(template?.concurrency !== undefined ? { concurrency: template.concurrency } : {}),
    judge,
    comparison: {
      prompt: THREE_WAY.prompt,
      finetuned: THREE_WAY.finetuned,
      baseModel: job.baseModel,
      ...(job.hyperparameters.epochs ? { epochs: job.hyperparameters.epochs } : {}),
      ...(job.trainTokens > 0 ? { trainingTokens: job.trainTokens } : {}),
      ...(registry?.hostingPerHour != null ? { hostingPerHour: registry.hostingPerHour } : {}),
      ...(registry?.retiresAt ? { retires: registry.retiresAt } : {}),
      ...(template?.comparison?.requestsPerDay ? { requestsPerDay: template.comparison.requestsPerDay } : {}),
    },
    prices: { ...template?.prices, ...(Object.keys(ftPrice).length ? { [model]: ftPrice } : {}) },
  };
}
