// "Adopt": a fine-tuned model id written into a flow's fine-tuned node as a new draft, saved the
// way the editor saves one (validated, canonical text, the flow store). It never publishes and
// never moves a label: releasing the draft stays an ordinary `weir publish` and `weir label`.
import type { Context } from 'hono';
import { diffValues, formatFlow, parseFlow, type Problem, type ValueChange } from '../engine';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { flowCheckOptions } from '../http/flow-checks';
import { describeProviders } from '../providers';
import { providerRuntime } from '../runs/runtime';
import { targetNode } from './prepare';
import type { JobTarget } from './store/types';

export interface Adoption {
  model: string;
  baseModel: string;
  /** The provider that serves the model (the registry's); set on the node when it is configured here. */
  provider?: string;
}

export interface AdoptResult {
  flow: string;
  node: string;
  model: string;
  /** The new draft as stored (canonical). */
  draft: unknown;
  updatedAt: string | null;
  /** The draft already had this model: nothing was written. */
  unchanged: boolean;
  /** What changed on the node, path by path, and the same as one line each. */
  diff: { changes: ValueChange[]; summary: string[] };
  problems: Problem[];
}

const FINETUNED_ONLY = new Set(['finetuned']);
const errorsOnly = (problems: Problem[]) => problems.filter((p) => p.severity === 'error');

function configuredProviders(env: AppEnv['Bindings']): Set<string> {
  try {
    return new Set(describeProviders(providerRuntime(env).config).map((p) => p.name));
  } catch {
    return new Set();
  }
}

/** Writes the model into the node of the flow's draft and saves that as the new draft. */
export async function adoptIntoDraft(c: Context<AppEnv>, target: JobTarget, adoption: Adoption): Promise<AdoptResult> {
  const { flow, node } = await targetNode(c.var.stores.flows, target, FINETUNED_ONLY);
  const before = structuredClone(node.data ?? {});
  const data: Record<string, unknown> = { ...before, model: adoption.model, baseModel: adoption.baseModel };
  const current = typeof before.provider === 'string' ? before.provider : 'default';
  if (adoption.provider && adoption.provider !== current && configuredProviders(c.env).has(adoption.provider))
    data.provider = adoption.provider;
  node.data = data;
  const changes = diffValues('data', before, data);
  const summary = changes.map((ch) =>
    ch.kind === 'added'
      ? `${target.node}.${ch.path}: set to ${JSON.stringify(ch.after)}`
      : `${target.node}.${ch.path}: ${JSON.stringify(ch.before)} -> ${JSON.stringify(ch.after)}`,
  );
  const parsed = parseFlow(flow, await flowCheckOptions(c, flow));
  let text: string;
  try {
    text = formatFlow(parsed.flow ?? flow);
  } catch {
    text = JSON.stringify(flow, null, 2) + '\n';
  }
  const store = c.var.stores.flows;
  const stored = await store.get(target.flow);
  const base = { flow: target.flow, node: target.node, model: adoption.model, diff: { changes, summary }, problems: parsed.problems };
  if (stored?.text === text) return { ...base, draft: JSON.parse(text), updatedAt: stored.metadata.updatedAt, unchanged: true };
  if (!stored) throw new ApiError(404, 'flow_not_found', `No flow with id "${target.flow}".`);
  const meta = await store.put(target.flow, text, {
    name: parsed.flow?.name ?? stored.metadata.name,
    description: parsed.flow?.description ?? stored.metadata.description,
    public: parsed.flow ? parsed.flow.public === true : stored.metadata.public,
    problems: errorsOnly(parsed.problems).length,
  });
  return { ...base, draft: JSON.parse(text), updatedAt: meta.updatedAt, unchanged: false };
}
