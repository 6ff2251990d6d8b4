// Eval definitions (admin only): PUT an eval file (422 with every problem), list (by flow), get
// with its definition, delete. `npm start` seeds evals/*.eval.json through the same store.
import { Hono } from 'hono';
import { evalSchema } from '../evals/schema';
import { slug } from '../engine/schema';
import { validateEvalFile } from '../eval-runs/validate';
import { requireAdmin } from '../http/auth';
import { readJson } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';

/** An eval file with its flows' overrides stays far below this. */
export const MAX_EVAL_BYTES = 256 * 1024;

const evalName = (raw: string) => {
  if (!slug.safeParse(raw).success)
    throw new ApiError(400, 'bad_request', `"${raw}" is not a valid eval name (lowercase letters, digits, "-" and "_").`);
  return raw;
};

export const evalRoutes = new Hono<AppEnv>()
  .get('/evals', requireAdmin, async (c) => c.json({ evals: await c.var.stores.evals.list(c.req.query('flow') || undefined) }))

  .get('/evals/:name', requireAdmin, async (c) => {
    const found = await c.var.stores.evals.get(c.req.param('name'));
    if (!found) throw new ApiError(404, 'not_found', `No eval named "${c.req.param('name')}".`);
    return c.json({ eval: found });
  })

  .put('/evals/:name', requireAdmin, async (c) => {
    const name = evalName(c.req.param('name'));
    const { evalFile, problems } = await validateEvalFile(c.var.stores, await readJson(c, MAX_EVAL_BYTES), name);
    const errors = problems.filter((p) => p.severity === 'error');
    if (!evalFile || errors.length)
      throw new ApiError(422, 'invalid_eval', `The eval has ${errors.length || problems.length} problem(s); nothing was stored.`, problems);
    const { eval: saved, created } = await c.var.stores.evals.put(name, evalSchema.parse(evalFile));
    return c.json({ eval: saved }, created ? 201 : 200);
  })

  .delete('/evals/:name', requireAdmin, async (c) => {
    if (!(await c.var.stores.evals.remove(c.req.param('name'))))
      throw new ApiError(404, 'not_found', `No eval named "${c.req.param('name')}".`);
    return c.body(null, 204);
  });
