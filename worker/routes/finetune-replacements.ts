// POST /v1/finetunes/replacements (admin): for a fine-tuned node whose base model retires, one
// eval of candidate replacements (engineered prompts on current models, suggested from the node's
// provider when none are named) against the node's dataset, with the current fine-tune as the
// baseline while it still works; optionally a re-train elsewhere, which gets its own three-way
// eval when it succeeds. Answers with the eval run (source "replacement") to follow.
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { promptSource } from '../engine/nodes/model-call';
import { nodeId, slug } from '../engine/schema';
import type { EvalFile } from '../evals/schema';
import { startEvalRun } from '../eval-runs/start';
import { onFinetuneError } from '../finetune/http-errors';
import { prepareRequest, targetNode } from '../finetune/prepare';
import { replacementEval, suggestCandidates, type Candidate } from '../finetune/replacement';
import { finetuneRequestSchema, type ReadyRequest } from '../finetune/request';
import { startFinetune, trainerSpec, validateFinetune } from '../finetune/service';
import { ThreeWayError } from '../finetune/three-way';
import { requireAdmin } from '../http/auth';
import { readJson } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { describeProviders } from '../providers';
import { knownModels } from '../providers/known-models';
import { providerRuntime } from '../runs/runtime';
import { StoreError } from '../store/errors';
import { zodProblems } from '../store/problem';
import { retirement } from './model-registry';

const candidateSchema = z.strictObject({
  name: z.string().min(1).max(64).optional(),
  model: z.string().min(1).max(300),
  provider: z.string().min(1).max(64).optional(),
  prompt: promptSource.optional(),
  system: z.string().max(20_000).optional(),
});
const bodySchema = z.strictObject({
  flow: slug,
  node: nodeId,
  candidates: z.array(candidateSchema).min(1).max(10).optional(),
  retrain: z.strictObject({ trainer: z.string().min(1), baseModel: z.string().min(1).max(200), suffix: z.string().optional() }).optional(),
  /** Default: the dataset the node's model was trained on, else the flow's eval's dataset. */
  dataset: slug.optional(),
  /** Only the first N items. */
  limit: z.number().int().min(1).max(100_000).optional(),
});
type Body = z.infer<typeof bodySchema>;

async function datasetFor(c: Context<AppEnv>, body: Body, trainedOn: string | null): Promise<string> {
  if (body.dataset) return body.dataset;
  if (trainedOn) return trainedOn;
  const jobs = await c.var.stores.finetunes.listJobs({ limit: 500 });
  const job = jobs.find((j) => j.target?.flow === body.flow && j.target.node === body.node && j.datasetName);
  if (job?.datasetName) return job.datasetName;
  const evals = await c.var.stores.evals.list(body.flow);
  if (evals.length) return evals[0].dataset;
  throw new ApiError(422, 'no_dataset', `No dataset is known for ${body.flow} node ${body.node}; send {dataset: "<name>"}.`);
}

function providerType(c: Context<AppEnv>, name: string): 'openai' | 'echo' | undefined {
  try {
    return describeProviders(providerRuntime(c.env).config).find((p) => p.name === name)?.type as 'openai' | 'echo' | undefined;
  } catch {
    return undefined;
  }
}

export const finetuneReplacementRoutes = new Hono<AppEnv>()
  .use('/finetunes/replacements', requireAdmin)
  .post('/finetunes/replacements', async (c) => {
    const parsed = bodySchema.safeParse(await readJson(c, 256 * 1024));
    if (!parsed.success)
      throw new ApiError(400, 'bad_request', 'Send {flow, node, candidates?, retrain?, dataset?}.', zodProblems(parsed.error));
    const body = parsed.data;
    const stores = c.var.stores;
    const { node } = await targetNode(stores.flows, body, new Set(['finetuned', 'prompt']));
    const draft = await stores.resolveFlow(body.flow, { kind: 'draft' });
    if (!draft?.parsed.flow) throw new ApiError(422, 'invalid_flow', `Flow "${body.flow}" has problems; fix its draft first.`);
    const data = node.data ?? {};
    const model = typeof data.model === 'string' ? data.model : '';
    const registry = await stores.finetunes.registry();
    const current = registry.find((m) => m.model === model);
    const dataset = await datasetFor(c, body, current?.datasetName ?? null);
    const detail = await stores.datasets.get(dataset).catch((err: unknown) => {
      if (err instanceof StoreError && err.code === 'not_found') throw new ApiError(404, 'dataset_not_found', err.message);
      throw err;
    });

    const provider = typeof data.provider === 'string' ? data.provider : 'default';
    let candidates: Candidate[] = body.candidates ?? [];
    const suggested = candidates.length === 0;
    if (suggested) {
      const today = new Date().toISOString().slice(0, 10);
      const retiring = new Set(registry.filter((m) => retirement(m.retiresAt, today)).flatMap((m) => [m.model, m.baseModel]));
      const exclude = new Set([model, String(data.baseModel ?? ''), current?.baseModel ?? '']);
      const type = providerType(c, provider);
      candidates = suggestCandidates(type ? knownModels(type) : [], { models: exclude, retiring }).map((m) => ({
        model: m,
        ...(provider !== 'default' ? { provider } : {}),
      }));
    }
    // Check the re-train before anything starts, so a bad one leaves nothing half-done.
    let retrainReq: ReadyRequest | undefined;
    if (body.retrain) {
      const req = finetuneRequestSchema.safeParse({
        ...body.retrain,
        dataset: { name: dataset },
        target: { flow: body.flow, node: body.node },
      });
      if (!req.success) throw new ApiError(400, 'bad_request', 'The re-train is not valid.', zodProblems(req.error, '$.retrain'));
      retrainReq = await prepareRequest(stores, trainerSpec(c.env, body.retrain.trainer).type, req.data);
    }
    const deps = { store: stores.finetunes, env: c.env, workflow: c.env.FINETUNE_WORKFLOW };
    if (retrainReq) {
      const plan = await validateFinetune(deps, retrainReq);
      if (!plan.valid)
        throw new ApiError(422, 'invalid_training_data', `The re-train cannot start: ${plan.problems[0]?.message}`, plan.problems);
    }
    const evals = (await stores.evals.list(body.flow)).filter((e) => e.dataset === dataset);
    const template: EvalFile | undefined = evals.length ? (await stores.evals.get(evals[0].name))?.definition : undefined;
    let definition: EvalFile;
    try {
      definition = replacementEval({
        target: body,
        flow: draft.parsed.flow,
        dataset: { name: dataset, ...(detail.splits.test > 0 ? { split: 'test' as const } : {}) },
        current,
        candidates,
        template,
      });
    } catch (err) {
      if (err instanceof ThreeWayError) throw new ApiError(422, 'no_candidates', err.message);
      throw err;
    }
    const run = await startEvalRun(c.env, stores, {
      eval: definition,
      source: 'replacement',
      label: `${body.flow}/${body.node}`,
      ...(body.limit ? { limit: body.limit } : {}),
    });
    let retrain: { job: unknown } | { error: { code: string; message: string } } | null = null;
    if (retrainReq)
      retrain = await startFinetune(deps, retrainReq).then(
        ({ job }) => ({ job }),
        (err: unknown) => ({ error: { code: (err as ApiError).code ?? 'internal', message: (err as Error).message } }),
      );
    return c.json({ run, eval: definition, candidates, suggested, current: current ?? null, retrain }, 202);
  })
  .onError(onFinetuneError);
