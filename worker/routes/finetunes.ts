// Fine-tuning management (admin only): the configured trainers, validate and estimate a job, start
// one, list, read one with its events and checkpoints, cancel, and resume following it.
import { Hono } from 'hono';
import { requireAdmin } from '../http/auth';
import { readJson } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { onFinetuneError } from '../finetune/http-errors';
import { finetuneRequestSchema, MAX_TRAINING_BYTES, type FinetuneRequest } from '../finetune/request';
import { cancelFinetune, follow, getJob, startFinetune, validateFinetune, type FinetuneDeps } from '../finetune/service';
import { JOB_STATUSES, TERMINAL, type JobStatus } from '../finetune/trainer';
import { describeTrainers, trainerSpecsFromEnv } from '../finetune/trainer-config';
import { zodProblems } from '../store/problem';
import type { Context } from 'hono';

async function readRequest(c: Context<AppEnv>): Promise<FinetuneRequest> {
  const parsed = finetuneRequestSchema.safeParse(await readJson(c, MAX_TRAINING_BYTES));
  if (!parsed.success) throw new ApiError(400, 'bad_request', 'The fine-tuning request is not valid.', zodProblems(parsed.error));
  return parsed.data;
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
    const [events, checkpoints] = await Promise.all([store.events(job.id), store.checkpoints(job.id)]);
    return c.json({ job, events, checkpoints });
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
  .onError(onFinetuneError);
