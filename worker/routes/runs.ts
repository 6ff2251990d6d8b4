// The run log over HTTP: list runs (filters, newest first, cursor pages), one whole run, stats
// per flow (or today's summary of every flow), and feedback on a run, which the invoke key that
// made the run may send as well as the admin token.
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { requireAdmin, unauthorized, whoIs } from '../http/auth';
import { MAX_RUN_INPUT_BYTES, readJson } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { feedbackBody } from '../runs/log/feedback';
import { runSources } from '../runs/result';
import { zodProblems } from '../store/problem';

const DAY_MS = 86_400_000;

const time = z
  .string()
  .transform((text, ctx) => {
    const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    if (!Number.isFinite(ms)) ctx.addIssue({ code: 'custom', message: 'a time is an ISO date or milliseconds since the epoch' });
    return ms;
  })
  .optional();
const nodeId = z
  .string()
  .regex(/^(\*|[A-Za-z0-9_-]{1,64})$/, 'a node id, or * for any node')
  .optional();

export const listQuery = z.strictObject({
  flow: z.string().min(1).max(64).optional(),
  version: z
    .string()
    .regex(/^(draft|[1-9][0-9]{0,8})$/, 'a version number or "draft"')
    .optional(),
  status: z.enum(['ok', 'failed']).optional(),
  source: z.enum(runSources).optional(),
  experiment: z.string().min(1).max(64).optional(),
  arm: z.string().min(1).max(32).optional(),
  failedNode: nodeId,
  fellBackNode: nodeId,
  from: time,
  to: time,
  q: z.string().min(1).max(200).optional(),
  thumbs: z.enum(['up', 'down']).optional(),
  corrected: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

const statsQuery = z.strictObject({
  flow: z.string().min(1).max(64).optional(),
  days: z.coerce.number().int().min(1).max(366).default(30),
});

function parseQuery<T extends z.ZodType>(c: Context<AppEnv>, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) {
    const issues = zodProblems(parsed.error, '$.query');
    throw new ApiError(400, 'bad_request', `Bad query: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return parsed.data;
}

const startOfDay = (ms: number) => ms - (ms % DAY_MS);

export const runLogRoutes = new Hono<AppEnv>()
  .get('/runs', requireAdmin, async (c) => c.json(await c.var.stores.runs.list(parseQuery(c, listQuery))))

  .get('/runs/stats', requireAdmin, async (c) => {
    const { flow, days } = parseQuery(c, statsQuery);
    const now = Date.now();
    if (!flow) return c.json({ since: new Date(startOfDay(now)).toISOString(), flows: await c.var.stores.runs.summaries(startOfDay(now)) });
    const since = startOfDay(now) - (days - 1) * DAY_MS;
    return c.json({ flow, since: new Date(since).toISOString(), ...(await c.var.stores.runs.stats(flow, since)) });
  })

  .get('/runs/:id', requireAdmin, async (c) => {
    const run = await c.var.stores.runs.get(c.req.param('id'));
    if (!run) throw new ApiError(404, 'not_found', `No run with id "${c.req.param('id')}" in the run log.`);
    return c.json(run);
  })

  // The admin token, or the invoke key that made the run (an app passing on its users' feedback).
  .post('/runs/:id/feedback', async (c) => {
    const who = await whoIs(c);
    if (who.caller === 'anonymous' || who.caller === 'unknown-token') {
      c.header('WWW-Authenticate', 'Bearer realm="weir"');
      throw unauthorized('Feedback needs "Authorization: Bearer <invoke key>" (the key that made the run) or the admin token.');
    }
    const id = c.req.param('id');
    const owner = await c.var.stores.runs.owner(id);
    // Another key's run is reported as missing: run ids are not a way to probe other apps' runs.
    if (!owner || (who.caller === 'invoker' && owner.keyId !== who.keyId))
      throw new ApiError(
        404,
        'not_found',
        `No run with id "${id}" made with this key (runs are recorded just after they answer; RUN_LOG may skip some).`,
      );
    const body = feedbackBody.safeParse(await readJson(c, MAX_RUN_INPUT_BYTES));
    if (!body.success) {
      const issues = zodProblems(body.error);
      throw new ApiError(
        400,
        'bad_request',
        `Send {"thumbs"?: "up"|"down", "score"?: number, "comment"?: string, "correction"?: any}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    const rows = await c.var.stores.runs.addFeedback(id, body.data, {
      source: who.caller === 'admin' ? 'admin' : 'feedback',
      keyId: who.keyId ?? null,
    });
    return c.json(
      { runId: id, scores: rows.map((r) => ({ id: r.id, name: r.name, value: r.value, text: r.text, source: r.source })) },
      201,
    );
  });
