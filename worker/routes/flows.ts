// Flow management (admin only): list, get, put (422 when invalid unless ?draft=1), delete,
// validate. Flows are stored as canonical text so KV holds exactly what a git diff would show.
import { Hono } from 'hono';
import { formatFlow, parseFlow, slug, type Problem } from '../engine';
import { requireAdmin } from '../http/auth';
import { MAX_FLOW_BYTES, readJson, requireObject } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { flowCheckOptions } from '../http/flow-checks';

const errorsOnly = (problems: Problem[]) => problems.filter((p) => p.severity === 'error');

function checkId(id: string): string {
  if (!slug.safeParse(id).success)
    throw new ApiError(400, 'bad_request', `"${id}" is not a valid flow id (lowercase letters, digits, "-" and "_").`);
  return id;
}

/** Canonical text even for drafts the schema rejects (then keys stay as sent, pretty-printed). */
function canonicalText(body: unknown): string {
  try {
    return formatFlow(body);
  } catch {
    return JSON.stringify(body, null, 2) + '\n';
  }
}

export const flowRoutes = new Hono<AppEnv>()
  .get('/flows', requireAdmin, async (c) => c.json({ flows: await c.var.stores.flows.list() }))

  .post('/flows/validate', requireAdmin, async (c) => {
    const body = await readJson(c, MAX_FLOW_BYTES);
    const { problems, valid } = parseFlow(body, await flowCheckOptions(c, body));
    return c.json({ valid, problems });
  })

  .get('/flows/:id', requireAdmin, async (c) => {
    const stored = await c.var.stores.flows.get(c.req.param('id'));
    if (!stored) throw new ApiError(404, 'not_found', `No flow with id "${c.req.param('id')}".`);
    return c.json({
      flow: JSON.parse(stored.text) as unknown,
      updatedAt: stored.metadata.updatedAt,
      problems: parseFlow(stored.text).problems,
    });
  })

  .put('/flows/:id', requireAdmin, async (c) => {
    const id = checkId(c.req.param('id'));
    const body = requireObject(await readJson(c, MAX_FLOW_BYTES), 'A flow');
    if (body.id !== undefined && body.id !== id)
      throw new ApiError(400, 'id_mismatch', `The flow's id "${String(body.id)}" does not match the URL's "${id}".`);
    const parsed = parseFlow({ ...body, id }, await flowCheckOptions(c, body));
    const draft = c.req.query('draft') === '1' || c.req.query('draft') === 'true';
    if (!parsed.valid && !draft)
      throw new ApiError(
        422,
        'invalid_flow',
        `The flow has ${errorsOnly(parsed.problems).length} problem(s); fix them or save with ?draft=1.`,
        parsed.problems,
      );
    const text = canonicalText(parsed.flow ?? { ...body, id });
    const store = c.var.stores.flows;
    // An unchanged flow is not written again, so its "last change" stays when it was changed.
    const before = await store.get(id);
    if (before?.text === text) return c.json({ flow: JSON.parse(text) as unknown, problems: parsed.problems, unchanged: true });
    await store.put(id, text, {
      name: parsed.flow?.name ?? (typeof body.name === 'string' ? body.name : id),
      description: parsed.flow?.description ?? (typeof body.description === 'string' ? body.description : ''),
      public: parsed.flow?.public === true,
      problems: errorsOnly(parsed.problems).length,
    });
    return c.json({ flow: JSON.parse(text) as unknown, problems: parsed.problems });
  })

  .delete('/flows/:id', requireAdmin, async (c) => {
    if (!(await c.var.stores.flows.delete(c.req.param('id'))))
      throw new ApiError(404, 'not_found', `No flow with id "${c.req.param('id')}".`);
    return c.body(null, 204);
  });
