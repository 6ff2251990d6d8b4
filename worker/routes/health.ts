// GET /v1/health: liveness plus the configured providers (names and types, never secrets).
import { Hono } from 'hono';
import { describeProviders } from '../providers';
import type { AppEnv } from '../http/env';
import { providerRuntime } from '../runs/runtime';

export const healthRoutes = new Hono<AppEnv>().get('/health', (c) => {
  const providers = describeProviders(providerRuntime(c.env).config).map(({ name, type }) => ({ name, type }));
  return c.json({ ok: true as const, providers });
});
