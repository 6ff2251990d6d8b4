// startEvalRun: the one way an eval run starts in the worker (POST /v1/eval-runs, and in-worker
// callers such as the fine-tune follow-up). It resolves the eval (a stored name or a file),
// reads the dataset (the pinned hash's version, else the current one), selects the items, prepares
// every variant from the stored flows, snapshots all of it in the run's row, and starts the
// Workflow. Every problem found is answered at once (422), and nothing starts then.
import type { Problem } from '../engine/problems';
import { checkEval, checkItems, evalProblem, prepareVariants, selectItems } from '../evals/prepare';
import type { EvalFile } from '../evals/schema';
import type { Bindings } from '../http/env';
import { ApiError } from '../http/errors';
import type { Stores } from '../http/stores';
import type { FlowInfo } from '../runs/result';
import { StoreError } from '../store/errors';
import { storedFlowLoader } from './flow-loader';
import type { RunVariant } from './run-rows';
import type { EvalRunSummary, StartOptions } from './types';
import { validateEvalFile } from './validate';

export interface EvalWorkflowParams {
  runId: string;
}

/** The variants' flows are kept in one D1 value (at most 2 MB). */
const MAX_SNAPSHOT_BYTES = 1_900_000;

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
  // A stored eval was checked when it was saved; its flow may have changed since.
  if (typeof opts.eval === 'string') problems.push(...checkEval(evalFile, draft?.parsed.flow));
  problems.push(...checkItems(items, evalFile, draft?.parsed.flow));

  const infos = new Map<string, FlowInfo>();
  const prepared = await prepareVariants(evalFile, storedFlowLoader(stores, infos));
  problems.push(...prepared.problems);
  if (problems.some((p) => p.severity === 'error')) throw invalid(`Eval "${name}" cannot run; nothing ran.`, problems);

  const variants: RunVariant[] = prepared.variants.map((v) => ({ ...v, info: infos.get(v.ref)! }));
  const variantsJson = JSON.stringify(variants);
  if (new TextEncoder().encode(variantsJson).byteLength > MAX_SNAPSHOT_BYTES)
    throw new ApiError(
      413,
      'eval_too_large',
      `The variants' flows together are larger than ${MAX_SNAPSHOT_BYTES} bytes, what one D1 value holds.`,
    );
  const repeats = opts.repeats ?? evalFile.repeats ?? 1;
  const id = crypto.randomUUID();
  const summary = await stores.evalRuns.create({
    id,
    eval_name: name,
    flow_id: evalFile.flow,
    definition: JSON.stringify(evalFile),
    variants: variantsJson,
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
