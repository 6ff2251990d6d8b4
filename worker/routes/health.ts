// GET /v1/health: liveness for anyone; the configured providers (names and types, never secrets)
// only for the admin token, so callers without it learn nothing about the deployment's providers.
import { Hono } from 'hono';
import { describeProviders } from '../providers';
import { identify } from '../http/auth';
import type { AppEnv } from '../http/env';
import { providerRuntime } from '../runs/runtime';

export const healthRoutes = new Hono<AppEnv>().get('/health', async (c) => {
  // Read for everyone, so a broken PROVIDERS setting shows up as a failing health check.
  const providers = describeProviders(providerRuntime(c.env).config).map(({ name, type }) => ({ name, type }));
  if ((await identify(c)) !== 'admin') return c.json({ ok: true as const });
  return c.json({ ok: true as const, providers });
});
