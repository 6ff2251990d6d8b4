// Eval runs (admin only): start one (a Workflow instance; 202 with its summary), list them, get one
// with its report, cells and per-node statistics, follow it as server-sent events, cancel it.
import { Hono } from 'hono';
import * as z from 'zod';
import { splitName } from '../datasets/schema';
import { evalSchema, type EvalFile } from '../evals/schema';
import { streamEvalRun } from '../eval-runs/events';
import { nodeStats } from '../eval-runs/node-stats';
import { toCell } from '../eval-runs/run-rows';
import { startEvalRun } from '../eval-runs/start';
import { evalRunSources, isFinished } from '../eval-runs/types';
import { requireAdmin } from '../http/auth';
import { readJson } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { zodProblems } from '../store/problem';
import { MAX_EVAL_BYTES } from './evals';

const startBody = z.strictObject({
  eval: z.union([z.string().min(1).max(64), z.record(z.string(), z.unknown())]),
  repeats: z.number().int().min(1).max(100).optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  split: splitName.optional(),
  limit: z.number().int().min(1).optional(),
  source: z.enum(evalRunSources).optional(),
  label: z.string().min(1).max(200).optional(),
});

export const evalRunRoutes = new Hono<AppEnv>()
  .post('/eval-runs', requireAdmin, async (c) => {
    const raw = await readJson(c, MAX_EVAL_BYTES + 4096);
    const parsed = startBody.safeParse(raw);
    const issues = parsed.success ? [] : zodProblems(parsed.error);
    const sent = (raw as { eval?: unknown } | null)?.eval;
    if (sent === undefined) issues.push({ code: 'required', message: 'name an eval or send one', path: '$.eval', severity: 'error' });
    let evalFile: EvalFile | undefined;
    if (typeof sent === 'object' && sent !== null) {
      const file = evalSchema.safeParse(sent);
      if (file.success) evalFile = file.data;
      else issues.push(...zodProblems(file.error, '$.eval'));
    }
    if (!parsed.success || issues.length)
      throw new ApiError(422, 'invalid_eval', `The request has ${issues.length} problem(s); nothing ran.`, issues);
    const { eval: which, ...opts } = parsed.data;
    const run = await startEvalRun(c.env, c.var.stores, { ...opts, eval: evalFile ?? (which as string) });
    return c.json({ run }, 202);
  })

  .get('/eval-runs', requireAdmin, async (c) => {
    const limit = Number(c.req.query('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw new ApiError(400, 'bad_request', 'limit is a whole number from 1 to 500.');
    const runs = await c.var.stores.evalRuns.list({
      eval: c.req.query('eval') || undefined,
      flow: c.req.query('flow') || undefined,
      limit,
    });
    return c.json({ runs });
  })

  .get('/eval-runs/:id', requireAdmin, async (c) => {
    const runs = c.var.stores.evalRuns;
    const run = await runs.summary(c.req.param('id'));
    if (!run) throw new ApiError(404, 'not_found', `No eval run "${c.req.param('id')}".`);
    const cells = await runs.cells(run.id);
    const report = run.status === 'done' ? await runs.report(run.id) : null;
    return c.json({ run, report, cells: cells.map(toCell), nodes: nodeStats(cells) });
  })

  .get('/eval-runs/:id/events', requireAdmin, async (c) => {
    const run = await c.var.stores.evalRuns.summary(c.req.param('id'));
    if (!run) throw new ApiError(404, 'not_found', `No eval run "${c.req.param('id')}".`);
    return streamEvalRun(c, run);
  })

  .post('/eval-runs/:id/cancel', requireAdmin, async (c) => {
    const runs = c.var.stores.evalRuns;
    const before = await runs.summary(c.req.param('id'));
    if (!before) throw new ApiError(404, 'not_found', `No eval run "${c.req.param('id')}".`);
    if (isFinished(before.status))
      throw new ApiError(409, 'already_finished', `Eval run ${before.id} has already ended (${before.status}).`);
    await runs.setStatus(before.id, 'cancelled', ['queued', 'running']);
    return c.json({ run: (await runs.summary(before.id))! });
  });
