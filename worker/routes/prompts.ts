// Prompt management (admin only): list, get with every version, add a version, move or delete
// a label, resolve a reference the way a running flow would.
import { Hono } from 'hono';
import { requireAdmin } from '../http/auth';
import { MAX_PROMPT_BYTES, readJson, readLabelVersion } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { promptName } from '../store/prompt-schema';
import { promptVariables } from '../store/prompt-variables';
import { zodProblems } from '../store/problem';

function checkName(name: string): string {
  const parsed = promptName.safeParse(name);
  if (!parsed.success) throw new ApiError(400, 'bad_request', `"${name}" is not a valid prompt name.`, zodProblems(parsed.error, '$.name'));
  return name;
}

export const promptRoutes = new Hono<AppEnv>()
  .get('/prompts', requireAdmin, async (c) => c.json({ prompts: await c.var.stores.prompts.list() }))

  // Before /prompts/:name so "resolve" is never taken for a name (the schema reserves it too).
  .get('/prompts/resolve', requireAdmin, async (c) => {
    const ref = c.req.query('ref');
    if (!ref) throw new ApiError(400, 'bad_request', 'Pass the reference as ?ref=name@label or ?ref=name@3.');
    const { note: _note, createdAt: _createdAt, ...resolved } = await c.var.stores.prompts.resolve(ref);
    return c.json({ ...resolved, variables: promptVariables(resolved.template) });
  })

  .get('/prompts/:name', requireAdmin, async (c) => {
    const { name, description, labels, latest, versions } = await c.var.stores.prompts.get(c.req.param('name'));
    return c.json({ name, description, latest, labels, versions });
  })

  .post('/prompts/:name/versions', requireAdmin, async (c) => {
    const name = checkName(c.req.param('name'));
    const added = await c.var.stores.prompts.addVersion(name, await readJson(c, MAX_PROMPT_BYTES));
    return c.json({ name, version: added.version, variables: added.variables, createdAt: added.createdAt }, 201);
  })

  .put('/prompts/:name/labels/:label', requireAdmin, async (c) => {
    const version = await readLabelVersion(c);
    const labels = await c.var.stores.prompts.moveLabel(c.req.param('name'), c.req.param('label'), version);
    return c.json({ labels });
  })

  .delete('/prompts/:name/labels/:label', requireAdmin, async (c) => {
    const labels = await c.var.stores.prompts.deleteLabel(c.req.param('name'), c.req.param('label'));
    return c.json({ labels });
  });
