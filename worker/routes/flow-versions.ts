// Flow releases (admin only): publish the draft as an immutable version, list and read versions,
// move or delete labels (the release and the rollback, no deploy), and a semantic diff of any two
// of a version number, a label, `latest` or `draft`.
import { Hono } from 'hono';
import { diffFlows, type Flow } from '../engine';
import { requireAdmin } from '../http/auth';
import { parseJsonBody, readLabelVersion, readText } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import type { Stores } from '../http/stores';
import { parseFlowRef, type FlowRef } from '../store';
import { publishBody } from '../store/flow-version-schema';
import { zodProblems } from '../store/problem';

function versionParam(text: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(text)) throw new ApiError(400, 'bad_request', `"${text}" is not a version number.`);
  return Number(text);
}

/** A diff side: a version, a label (`latest` included) or the draft; the default resolution is not a side. */
async function side(stores: Stores, id: string, name: 'from' | 'to', text: string | undefined) {
  const ref: FlowRef | undefined = text ? parseFlowRef(text) : undefined;
  if (!text || !ref || ref.kind === 'default')
    throw new ApiError(400, 'bad_request', `Pass ?${name}= a version number, a label or "draft" (e.g. ?from=1&to=draft).`);
  const resolved = await stores.resolveFlow(id, ref);
  if (!resolved)
    throw new ApiError(404, 'not_found', `Flow "${id}" has no ${ref.kind === 'draft' ? 'draft' : `version or label "${text}"`}.`);
  const flow: Flow | undefined = resolved.parsed.flow;
  if (!flow) throw new ApiError(422, 'invalid_flow', `The ${text} of flow "${id}" is not a readable flow.`, resolved.parsed.problems);
  return { flow, info: { version: resolved.version, hash: resolved.hash, ...(resolved.label ? { label: resolved.label } : {}) } };
}

export const flowVersionRoutes = new Hono<AppEnv>()
  .post('/flows/:id/versions', requireAdmin, async (c) => {
    const text = await readText(c, 4096);
    const body = publishBody.safeParse(text.trim() === '' ? {} : parseJsonBody(text));
    if (!body.success) throw new ApiError(400, 'bad_request', 'Send {"note": "..."} or nothing.', zodProblems(body.error));
    const published = await c.var.stores.flowVersions.publish(c.req.param('id'), body.data.note);
    const { created, ...version } = published;
    return c.json(version, created ? 201 : 200);
  })

  .get('/flows/:id/versions', requireAdmin, async (c) => {
    const { versions, labels, latest } = await c.var.stores.flowVersions.list(c.req.param('id'));
    return c.json({ versions, labels, latest });
  })

  .get('/flows/:id/versions/:n', requireAdmin, async (c) => {
    const { label: _label, ...record } = await c.var.stores.flowVersions.get(c.req.param('id'), versionParam(c.req.param('n')));
    return c.json(record);
  })

  // Retiring takes a version out of service: it no longer runs by pin (410) and cannot be labelled.
  .post('/flows/:id/versions/:n/retire', requireAdmin, async (c) =>
    c.json(await c.var.stores.flowVersions.setRetired(c.req.param('id'), versionParam(c.req.param('n')), true)),
  )

  .post('/flows/:id/versions/:n/restore', requireAdmin, async (c) =>
    c.json(await c.var.stores.flowVersions.setRetired(c.req.param('id'), versionParam(c.req.param('n')), false)),
  )

  .put('/flows/:id/labels/:label', requireAdmin, async (c) => {
    const version = await readLabelVersion(c);
    const labels = await c.var.stores.flowVersions.moveLabel(c.req.param('id'), c.req.param('label'), version);
    return c.json({ labels });
  })

  .delete('/flows/:id/labels/:label', requireAdmin, async (c) => {
    const labels = await c.var.stores.flowVersions.deleteLabel(c.req.param('id'), c.req.param('label'));
    return c.json({ labels });
  })

  .get('/flows/:id/diff', requireAdmin, async (c) => {
    const id = c.req.param('id');
    const [from, to] = await Promise.all([
      side(c.var.stores, id, 'from', c.req.query('from')),
      side(c.var.stores, id, 'to', c.req.query('to')),
    ]);
    return c.json({ ...diffFlows(from.flow, to.flow), from: from.info, to: to.info });
  });
