// Replacing a fine-tune whose base model retires (issue 10): one eval of the node's flow on its
// dataset, with the current fine-tune as the baseline while it still works and one variant per
// candidate (an engineered prompt on a current model). Pure: the route hands it the flow, the
// registry entry of the node's model, the candidates (or the provider's known models to suggest
// from) and, when the flow has an eval on this dataset, that eval's assertions and judge.
import type { Flow } from '../engine/schema';
import type { EvalFile, NodeOverride } from '../evals/schema';
import type { JobTarget, RegistryEntry } from './store/types';
import { engineeredSource, ThreeWayError } from './three-way';

export interface Candidate {
  name?: string;
  model: string;
  provider?: string;
  prompt?: NonNullable<NodeOverride['prompt']>;
  system?: string;
}

export interface ReplacementInput {
  target: JobTarget;
  flow: Flow;
  dataset: { name: string; split?: 'test' };
  /** The registry entry of the node's current model (its retirement, prices), if registered. */
  current?: Pick<RegistryEntry, 'model' | 'baseModel' | 'retiresAt' | 'prices' | 'hostingPerHour'>;
  candidates: Candidate[];
  template?: EvalFile;
  today?: string;
}

export const BASELINE = 'current';
const MAX_SUGGESTED = 4;

export const variantName = (text: string) =>
  text
    .replace(/[^A-Za-z0-9_.+-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64) || 'candidate';

/** Current models of the node's provider to try when none are named: not retiring, not the retiring base, not snapshots. */
export function suggestCandidates(known: readonly string[], exclude: { models: Set<string>; retiring: Set<string> }): string[] {
  return known
    .filter((m) => !m.startsWith('ft:') && !/-\d{4}-\d{2}-\d{2}$/.test(m) && !/^echo:|^fake-/.test(m))
    .filter((m) => !exclude.models.has(m) && !exclude.retiring.has(m) && !m.startsWith('gpt-3.5'))
    .slice(0, MAX_SUGGESTED);
}

function currentPrice(current: ReplacementInput['current']): Record<string, Record<string, number | string>> {
  if (!current) return {};
  const entries = Object.entries({
    input: current.prices.inputPerMTok,
    cachedInput: current.prices.cachedInputPerMTok,
    output: current.prices.outputPerMTok,
    hostingPerHour: current.hostingPerHour,
    retires: current.retiresAt,
  }).filter(([, v]) => v !== null && v !== undefined) as [string, number | string][];
  return entries.length ? { [current.model]: Object.fromEntries(entries) } : {};
}

export function replacementEval(input: ReplacementInput): EvalFile {
  const { target, flow, current, template } = input;
  const node = flow.nodes.find((n) => n.id === target.node);
  if (!node) throw new ThreeWayError(`flow "${flow.id}" has no node "${target.node}"`);
  if (node.type !== 'finetuned' && node.type !== 'prompt')
    throw new ThreeWayError(`node "${target.node}" is a ${node.type} node; it must call a model`);
  if (!input.candidates.length)
    throw new ThreeWayError('no candidate to evaluate: name one (candidates) or configure a provider with known models');
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  const retired = current?.retiresAt ? current.retiresAt <= today : false;
  const engineered = engineeredSource(flow, node);
  const engData = (engineered?.data ?? {}) as Record<string, unknown>;
  const names = new Set<string>([BASELINE]);
  const candidates = input.candidates.map((c) => {
    let name = variantName(c.name ?? `${c.model}+prompt`);
    for (let i = 2; names.has(name); i++) name = variantName(`${c.name ?? c.model}-${i}`);
    names.add(name);
    const override: NodeOverride = {
      model: c.model,
      ...(c.provider ? { provider: c.provider } : {}),
      prompt: c.prompt ?? (engData.prompt as NodeOverride['prompt']) ?? undefined,
      system: c.system ?? (c.prompt ? undefined : ((engData.system as string | undefined) ?? undefined)),
    };
    const clean = Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined)) as NodeOverride;
    return {
      name,
      description: `${c.model}${c.provider ? ` on ${c.provider}` : ''} with ${c.prompt ? 'its own prompt' : engineered && engineered !== node ? `the engineered prompt of node ${engineered.id}` : "the node's prompt"}`,
      overrides: { [target.node]: clean },
    };
  });
  const data = node.data as Record<string, unknown>;
  const baseline: EvalFile['variants'] = retired
    ? []
    : [{ name: BASELINE, description: `The flow as it is: ${String(data.model)} (the fine-tune being replaced)` }];
  const baseModel = current?.baseModel ?? (typeof data.baseModel === 'string' ? data.baseModel : undefined);
  const judge = template?.judge ?? {
    model: input.candidates[0].model,
    ...(input.candidates[0].provider ? { provider: input.candidates[0].provider } : {}),
    temperature: 0,
  };
  return {
    version: 1,
    name: `replace-${flow.id}-${target.node}`,
    description: `Candidate replacements for ${flow.id} node ${target.node} (${String(data.model)}${current?.retiresAt ? `, retires ${current.retiresAt}` : ''}).`,
    flow: flow.id,
    dataset: input.dataset,
    variants: [...baseline, ...candidates],
    assert: template?.assert ?? [{ type: 'factuality', metric: 'agrees with the expected answer' }],
    ...(template?.threshold !== undefined ? { threshold: template.threshold } : {}),
    judge,
    ...(baseline.length && baseModel
      ? {
          comparison: {
            prompt: candidates[0].name,
            finetuned: BASELINE,
            baseModel,
            ...(current?.hostingPerHour != null ? { hostingPerHour: current.hostingPerHour } : {}),
            ...(current?.retiresAt ? { retires: current.retiresAt } : {}),
            ...(template?.comparison?.requestsPerDay ? { requestsPerDay: template.comparison.requestsPerDay } : {}),
          },
        }
      : {}),
    prices: { ...template?.prices, ...currentPrice(current) },
  };
}
