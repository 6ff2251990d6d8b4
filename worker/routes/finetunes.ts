// Fine-tuning management (admin only): the configured trainers, validate and estimate a job, start
// one (from files or from a dataset the worker has, for a flow's node), list, read one with its
// events, checkpoints and three-way eval run, cancel, resume following it, (re)start the
// three-way eval, and adopt its model into a draft.
import { Hono } from 'hono';
import { requireAdmin } from '../http/auth';
import { readJson } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { onFinetuneError } from '../finetune/http-errors';
import { adoptIntoDraft } from '../finetune/adopt';
import { prepareRequest, targetNode } from '../finetune/prepare';
import { startThreeWay } from '../finetune/three-way-start';
import { readAdoptBody } from './adopt-body';
import { finetuneRequestSchema, MAX_TRAINING_BYTES, type ReadyRequest } from '../finetune/request';
import { cancelFinetune, follow, getJob, startFinetune, trainerSpec, validateFinetune, type FinetuneDeps } from '../finetune/service';
import { JOB_STATUSES, TERMINAL, type JobStatus } from '../finetune/trainer';
import { describeTrainers, trainerSpecsFromEnv } from '../finetune/trainer-config';
import { zodProblems } from '../store/problem';
import type { Context } from 'hono';

async function readRequest(c: Context<AppEnv>): Promise<ReadyRequest> {
  const parsed = finetuneRequestSchema.safeParse(await readJson(c, MAX_TRAINING_BYTES));
  if (!parsed.success) throw new ApiError(400, 'bad_request', 'The fine-tuning request is not valid.', zodProblems(parsed.error));
  const spec = trainerSpec(c.env, parsed.data.trainer);
  return prepareRequest(c.var.stores, spec.type, parsed.data);
}

const deps = (c: Context<AppEnv>): FinetuneDeps => ({ store: c.var.stores.finetunes, env: c.env, workflow: c.env.FINETUNE_WORKFLOW });

export const finetuneRoutes = new Hono<AppEnv>()
  .use('/finetunes', requireAdmin)
  .use('/finetunes/*', requireAdmin)
  .get('/finetunes/trainers', (c) => c.json({ trainers: describeTrainers(trainerSpecsFromEnv(c.env)) }))
  .post('/finetunes/validate', async (c) => c.json(await validateFinetune(deps(c), await readRequest(c))))
  .post('/finetunes', async (c) => {
    const { job, plan } = await startFinetune(deps(c), await readRequest(c));
    return c.json(
      {
        job,
        estimate: { ...plan.estimate, costUsd: job.estimatedCostUsd, source: job.estimateSource },
        following: job.workflowId !== null,
      },
      201,
    );
  })
  .get('/finetunes', async (c) => {
    const status = c.req.query('status');
    if (status !== undefined && !JOB_STATUSES.includes(status as JobStatus))
      throw new ApiError(400, 'bad_request', `status is one of ${JOB_STATUSES.join(', ')}.`);
    const limit = Number(c.req.query('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw new ApiError(400, 'bad_request', 'limit is a whole number from 1 to 500.');
    return c.json({ jobs: await c.var.stores.finetunes.listJobs({ status: status as JobStatus | undefined, limit }) });
  })
  .get('/finetunes/:id', async (c) => {
    const store = c.var.stores.finetunes;
    const job = await getJob(store, c.req.param('id'));
    const [events, checkpoints, evalRun] = await Promise.all([
      store.events(job.id),
      store.checkpoints(job.id),
      job.evalRunId ? c.var.stores.evalRuns.summary(job.evalRunId) : undefined,
    ]);
    return c.json({ job, events, checkpoints, evalRun: evalRun ?? null });
  })
  .post('/finetunes/:id/cancel', async (c) => c.json({ job: await cancelFinetune(deps(c), c.req.param('id')) }))
  .post('/finetunes/:id/follow', async (c) => {
    const job = await getJob(c.var.stores.finetunes, c.req.param('id'));
    if (!c.env.FINETUNE_WORKFLOW) throw new ApiError(503, 'no_workflow', 'The FINETUNE_WORKFLOW binding is missing (wrangler.toml).');
    if (TERMINAL.has(job.status))
      throw new ApiError(409, 'conflict', `The job has already ended (${job.status}); there is nothing to follow.`);
    if (job.workflowId) {
      const instance = await c.env.FINETUNE_WORKFLOW.get(job.workflowId).catch(() => undefined);
      const current = await instance?.status().catch(() => undefined);
      const live = current !== undefined && ['queued', 'running', 'waiting', 'paused'].includes(current.status);
      // ?force=1 replaces a follower that says it is live but is not (wrangler dev does not resume
      // a Workflow that was sleeping when it stopped); recording is idempotent, so overlap is harmless.
      if (live && c.req.query('force') !== '1')
        throw new ApiError(
          409,
          'conflict',
          `The job is already being followed (${job.workflowId}, ${current.status}); ?force=1 replaces the follower.`,
        );
      if (live) await instance!.terminate().catch(() => undefined);
    }
    return c.json({ job: job.id, workflowId: await follow(deps(c), job.id) }, 202);
  })
  // (Re)start the three-way eval: after a failure to start, for another node, or a job with no target.
  .post('/finetunes/:id/evaluate', async (c) => {
    const store = c.var.stores.finetunes;
    const job = await getJob(store, c.req.param('id'));
    const body = await readAdoptBody(c);
    if (job.status !== 'succeeded' || !job.fineTunedModel)
      throw new ApiError(409, 'job_not_succeeded', `The job is ${job.status}; the three-way eval needs its model.`);
    if ((body.flow === undefined) !== (body.node === undefined))
      throw new ApiError(400, 'bad_request', 'Send both flow and node, or neither.');
    const target = body.flow && body.node ? { flow: body.flow, node: body.node } : undefined;
    if (target) await targetNode(c.var.stores.flows, target);
    const outcome = await startThreeWay(c.env, store, job.id, { target, stores: c.var.stores, force: true });
    if (outcome.error !== undefined) throw new ApiError(422, 'three_way_failed', `The three-way eval cannot start: ${outcome.error}`);
    return c.json({ job: await getJob(store, job.id), evalRun: await c.var.stores.evalRuns.summary(outcome.evalRunId) }, 202);
  })
  // The job's model into its target node (or the flow and node sent) as a new draft; never published.
  .post('/finetunes/:id/adopt', async (c) => {
    const store = c.var.stores.finetunes;
    const job = await getJob(store, c.req.param('id'));
    const body = await readAdoptBody(c);
    if (job.status !== 'succeeded' || !job.fineTunedModel)
      throw new ApiError(409, 'job_not_succeeded', `The job is ${job.status}; only a succeeded job has a model to adopt.`);
    const flow = body.flow ?? job.target?.flow;
    const node = body.node ?? (body.flow === undefined || body.flow === job.target?.flow ? job.target?.node : undefined);
    if (!flow || !node)
      throw new ApiError(422, 'no_target', 'The job names no flow and node; send {flow, node} to say where to adopt the model.');
    const entry = await store.model(job.fineTunedModel);
    const result = await adoptIntoDraft(
      c,
      { flow, node },
      { model: job.fineTunedModel, baseModel: job.baseModel, provider: entry?.provider },
    );
    const at = new Date().toISOString();
    await store.updateJob(job.id, { adopted: { flow, node, at } });
    await store.addEvents(job.id, [
      {
        id: `weir:adopted:${flow}:${node}:${at}`,
        at,
        level: 'info',
        message: `adopted into ${flow} node ${node} as a new draft (not published)`,
        type: 'adopt',
      },
    ]);
    return c.json(result);
  })
  .onError(onFinetuneError);
