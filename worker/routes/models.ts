// GET /v1/models: flows as OpenAI models, only those the caller may run. Without a key (or with an
// unknown one) that is the public flows; with an invoke key or the admin token, every flow plus its
// labelled variants (`flow:<id>@production`). One D1 read, no per-flow reads.
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
    // From D1 (one batch): the flows list is management data, not the run path.
    const flows = await c.var.stores.flows.list();
    const data: Model[] = [];
    for (const flow of flows) {
      // Public/private is the flow's current setting, whichever version runs.
      if (!keyed && !flow.public) continue;
      const created = seconds(flow.createdAt);
      data.push({ id: `flow:${flow.id}`, object: 'model', created, owned_by: 'weir' });
      if (keyed)
        for (const label of Object.keys(flow.labels).sort())
          data.push({ id: `flow:${flow.id}@${label}`, object: 'model', created, owned_by: 'weir' });
    }
    return c.json({ object: 'list' as const, data });
  })
  .onError((err, c) => {
    const { status, body } = toErrorResponse(err);
    return c.json(openAiError(status, body), status);
  });
