// Store upkeep (admin only): POST /v1/admin/import-kv copies prompts and flows that a Weir older
// than the D1 store kept only in KV into D1, keeping numbers, dates and labels. Idempotent: items
// D1 already holds are skipped. Run it once after upgrading a deployment.
import { Hono } from 'hono';
import { requireAdmin } from '../http/auth';
import type { AppEnv } from '../http/env';

export const storeAdminRoutes = new Hono<AppEnv>().post('/admin/import-kv', requireAdmin, async (c) =>
  c.json(await c.var.stores.importLegacyKv()),
);
