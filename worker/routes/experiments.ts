// Experiments (admin only): create, list, read, new weights (compare-and-set on `version`), start,
// stop, promote, and live per-arm results (reading them also applies the error-rate guardrail).
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { requireAdmin } from '../http/auth';
import { readJson, requireObject } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { zodProblems } from '../store/problem';
import { enforceGuardrail } from '../experiments/guardrail';
import { checkRefs, promote, setWeights, start, stop } from '../experiments/lifecycle';
import { experimentInput, experimentStatuses, weightsUpdate } from '../experiments/schema';
import { experimentStore } from '../experiments/store';

const MAX_BODY = 32 * 1024;
const actionBody = z.strictObject({ version: z.number().int().min(1).optional() });
const promoteBody = actionBody.extend({ arm: z.string().min(1).max(32) });
const listQuery = z.strictObject({ flow: z.string().max(64).optional(), status: z.enum(experimentStatuses).optional() });

async function body<T extends z.ZodType>(c: Context<AppEnv>, schema: T, emptyOk = false): Promise<z.infer<T>> {
  const raw = emptyOk && (c.req.header('content-length') === '0' || !c.req.header('content-type')) ? {} : await readJson(c, MAX_BODY);
  const parsed = schema.safeParse(requireObject(raw, 'The request body'));
  if (!parsed.success) {
    const issues = zodProblems(parsed.error);
    throw new ApiError(400, 'invalid_experiment', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
  return parsed.data;
}

const storeOf = (c: Context<AppEnv>) => experimentStore({ db: c.env.WEIR_DB, kv: c.env.WEIR_KV });

export const experimentRoutes = new Hono<AppEnv>()
  .use('/experiments', requireAdmin)
  .use('/experiments/*', requireAdmin)
  .post('/experiments', async (c) => {
    const input = await body(c, experimentInput);
    await c.var.stores.flowVersions.list(input.flowId);
    await checkRefs(c.var.stores.flowVersions, input);
    return c.json(await storeOf(c).create(input), 201);
  })
  .get('/experiments', async (c) => {
    const q = listQuery.safeParse(c.req.query());
    if (!q.success) throw new ApiError(400, 'bad_request', 'Filter with ?flow=<id> and ?status=draft|running|stopped|promoted.');
    return c.json({ experiments: await storeOf(c).list({ flowId: q.data.flow, status: q.data.status }) });
  })
  .get('/experiments/:id', async (c) => c.json(await storeOf(c).get(c.req.param('id'))))
  .get('/experiments/:id/results', async (c) => {
    const store = storeOf(c);
    const { experiment, results } = await enforceGuardrail(store, c.env.WEIR_DB, await store.get(c.req.param('id')));
    return c.json({ experiment, minSamples: experiment.minSamples, control: experiment.arms[0].name, arms: results });
  })
  .patch('/experiments/:id', async (c) => {
    const { version, weights } = await body(c, weightsUpdate);
    return c.json(await setWeights(storeOf(c), c.req.param('id'), version, weights));
  })
  .post('/experiments/:id/start', async (c) => {
    const { version } = await body(c, actionBody, true);
    return c.json(await start(storeOf(c), c.var.stores.flowVersions, c.req.param('id'), version));
  })
  .post('/experiments/:id/stop', async (c) => {
    const { version } = await body(c, actionBody, true);
    return c.json(await stop(storeOf(c), c.req.param('id'), version));
  })
  .post('/experiments/:id/promote', async (c) => {
    const { version, arm } = await body(c, promoteBody);
    return c.json(await promote(storeOf(c), c.var.stores.flowVersions, c.req.param('id'), arm, version));
  });
