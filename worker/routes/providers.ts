// GET /v1/providers (admin): the configured providers with the models the editor's pickers
// suggest for each. Names, types and base URLs only, never a key.
import { Hono } from 'hono';
import { describeProviders } from '../providers';
import { knownModels } from '../providers/known-models';
import { requireAdmin } from '../http/auth';
import type { AppEnv } from '../http/env';
import { providerRuntime } from '../runs/runtime';

export const providerRoutes = new Hono<AppEnv>().get('/providers', requireAdmin, (c) => {
  const providers = describeProviders(providerRuntime(c.env).config).map((p) => ({ ...p, models: knownModels(p.type) }));
  return c.json({ providers });
});
