// startEvalRun: the one way an eval run starts in the worker (POST /v1/eval-runs, and in-worker
// callers such as the fine-tune follow-up). It resolves the eval (a stored name or a file),
// reads the dataset (the pinned hash's version, else the current one), selects the items, prepares
// every variant from the stored flows, snapshots all of it in the run's row, and starts the
// Workflow. Every problem found is answered at once (422), and nothing starts then.
import type { Problem } from '../engine/problems';
import { checkItems, evalProblem, prepareVariants, selectItems } from '../evals/prepare';
import type { EvalFile } from '../evals/schema';
import type { Bindings } from '../http/env';
import { ApiError } from '../http/errors';
import type { Stores } from '../http/stores';
import type { FlowInfo } from '../runs/result';
import { flowInfo } from '../runs/runnable';
import { parseFlowRef } from '../store';
import { StoreError } from '../store/errors';
import type { RunVariant } from './run-rows';
import type { EvalRunSummary, StartOptions } from './types';
import { validateEvalFile } from './validate';

export interface EvalWorkflowParams {
  runId: string;
}

const invalid = (message: string, issues: Problem[]) => new ApiError(422, 'invalid_eval', message, issues);

async function resolveEval(stores: Stores, which: StartOptions['eval']): Promise<{ name: string; evalFile: EvalFile }> {
  if (typeof which === 'string') {
    const stored = await stores.evals.get(which);
    if (!stored) throw new ApiError(404, 'not_found', `No eval named "${which}".`);
    return { name: stored.name, evalFile: stored.definition };
  }
  const { evalFile, problems } = await validateEvalFile(stores, which);
  if (!evalFile || problems.some((p) => p.severity === 'error')) throw invalid('The eval has problems; nothing ran.', problems);
  return { name: evalFile.name ?? evalFile.flow, evalFile };
}

export async function startEvalRun(env: Bindings, stores: Stores, opts: StartOptions): Promise<EvalRunSummary> {
  const workflow = env.EVAL_WORKFLOW;
  if (!workflow) throw new ApiError(503, 'no_workflow', 'The EVAL_WORKFLOW binding is missing (wrangler.toml).');
  const { name, evalFile } = await resolveEval(stores, opts.eval);
  const problems: Problem[] = [];

  let dataset: Awaited<ReturnType<Stores['datasets']['get']>> | undefined;
  try {
    dataset = await stores.datasets.get(evalFile.dataset.name, evalFile.dataset.hash);
  } catch (err) {
    if (!(err instanceof StoreError && err.code === 'not_found')) throw err;
    problems.push(evalProblem(evalFile.dataset.hash ? '$.dataset.hash' : '$.dataset.name', 'unknown_dataset', err.message));
  }
  const split = opts.split ?? evalFile.dataset.split;
  let items = dataset ? selectItems(evalFile, dataset.list, split) : [];
  if (opts.limit) items = items.slice(0, opts.limit);
  if (dataset && !items.length) problems.push(evalProblem('$.dataset', 'no_items', 'no dataset item matches the split and tags'));

  const draft = await stores.resolveFlow(evalFile.flow, { kind: 'draft' });
  if (!draft) problems.push(evalProblem('$.flow', 'unknown_flow', `no flow "${evalFile.flow}"`));
  problems.push(...checkItems(items, evalFile, draft?.parsed.flow));

  const infos = new Map<string, FlowInfo>();
  const prepared = await prepareVariants(evalFile, async (flowId, version, where) => {
    const ref = parseFlowRef(version);
    const resolved = ref && (await stores.resolveFlow(flowId, ref));
    if (!resolved) return evalProblem(where, 'version_not_found', `flow "${flowId}" has no version or label "${version}"`);
    if (!resolved.parsed.flow || !resolved.parsed.valid)
      return evalProblem(where, 'invalid_flow', `${flowId}@${version} has problems and cannot run`);
    infos.set(`${flowId}@${version}`, flowInfo(resolved));
    return { flow: resolved.parsed.flow };
  });
  problems.push(...prepared.problems);
  if (problems.some((p) => p.severity === 'error')) throw invalid(`Eval "${name}" cannot run; nothing ran.`, problems);

  const variants: RunVariant[] = prepared.variants.map((v) => ({ ...v, info: infos.get(v.ref)! }));
  const repeats = opts.repeats ?? evalFile.repeats ?? 1;
  const id = crypto.randomUUID();
  const summary = await stores.evalRuns.create({
    id,
    eval_name: name,
    flow_id: evalFile.flow,
    definition: JSON.stringify(evalFile),
    variants: JSON.stringify(variants),
    item_ids: JSON.stringify(items.map((i) => i.id)),
    dataset_name: evalFile.dataset.name,
    dataset_hash: dataset!.hash,
    dataset_split: split ?? null,
    repeats,
    concurrency: opts.concurrency ?? evalFile.concurrency ?? 4,
    status: 'queued',
    total: items.length * variants.length * repeats,
    source: opts.source ?? 'api',
    label: opts.label ?? null,
    created_at: Date.now(),
  });
  try {
    await workflow.create({ id, params: { runId: id } });
  } catch (err) {
    const message = `the Workflow did not start: ${(err as Error).message}`;
    await stores.evalRuns.setStatus(id, 'failed', ['queued'], { error: message });
    throw new ApiError(503, 'workflow_failed', `Eval run ${id} ${message}`);
  }
  return summary;
}
