// GET /v1/models: flows as OpenAI models, only those the caller may run. Without a key (or with an
// unknown one) that is the public flows; with an invoke key or the admin token, every flow plus its
// labelled variants (`flow:<id>@production`). Two KV list calls, no per-flow reads.
import { Hono } from 'hono';
import { identify } from '../http/auth';
import type { AppEnv } from '../http/env';
import { toErrorResponse } from '../http/errors';
import { openAiError } from '../http/openai';

interface Model {
  id: string;
  object: 'model';
  created: number;
  owned_by: 'weir';
}

const seconds = (iso: string | undefined) => {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
};

export const modelRoutes = new Hono<AppEnv>()
  .get('/models', async (c) => {
    const caller = await identify(c);
    const keyed = caller === 'admin' || caller === 'invoker';
    const [drafts, published] = await Promise.all([c.var.stores.flows.list(), c.var.stores.flowVersions.listings()]);
    const draftById = new Map(drafts.map((d) => [d.id, d]));
    const ids = [...new Set([...draftById.keys(), ...published.keys()])].sort();
    const data: Model[] = [];
    for (const id of ids) {
      const release = published.get(id);
      const draft = draftById.get(id);
      // Public/private follows what `flow:<id>` would run: the default version, else the draft.
      const isPublic = release ? release.public : draft?.public === true;
      if (!keyed && !isPublic) continue;
      const created = seconds(release?.createdAt ?? draft?.updatedAt);
      data.push({ id: `flow:${id}`, object: 'model', created, owned_by: 'weir' });
      if (keyed)
        for (const label of Object.keys(release?.labels ?? {}).sort())
          data.push({ id: `flow:${id}@${label}`, object: 'model', created, owned_by: 'weir' });
    }
    return c.json({ object: 'list' as const, data });
  })
  .onError((err, c) => {
    const { status, body } = toErrorResponse(err);
    return c.json(openAiError(status, body), status);
  });
