// The model registry (admin only): every fine-tuned model Weir trained, with provider, base model,
// dataset hash, job, training cost, prices, hosting per hour and retirement date. PATCH sets what
// the provider does not say (prices, hosting, retirement).
import { Hono } from 'hono';
import * as z from 'zod';
import { requireAdmin } from '../http/auth';
import { readJson } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { onFinetuneError } from '../finetune/http-errors';
import { zodProblems } from '../store/problem';
import { adoptIntoDraft } from '../finetune/adopt';
import { readAdoptBody } from './adopt-body';
import type { RegistryEntry } from '../finetune/store/types';

const price = z.number().min(0).nullable().optional();
const patchSchema = z.strictObject({
  provider: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/)
    .optional(),
  prices: z.strictObject({ inputPerMTok: price, cachedInputPerMTok: price, outputPerMTok: price }).optional(),
  hostingPerHour: price,
  retiresAt: z.iso.date().nullable().optional(),
});

const createSchema = z.strictObject({
  model: z.string().min(1).max(300),
  provider: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/),
  baseModel: z.string().min(1).max(200),
  trainer: z.string().min(1).optional(),
  datasetName: z.string().min(1).max(200).optional(),
  datasetHash: z
    .string()
    .regex(/^(sha256:)?[0-9a-f]{64}$/)
    .optional(),
  trainingCostUsd: z.number().min(0).optional(),
  prices: z.strictObject({ inputPerMTok: price, cachedInputPerMTok: price, outputPerMTok: price }).optional(),
  hostingPerHour: price,
  retiresAt: z.iso.date().nullable().optional(),
});

/** Retired, or retiring within 30 days, as of `today` (YYYY-MM-DD). */
export function retirement(retiresAt: string | null, today: string): 'retired' | 'retiring' | null {
  if (!retiresAt) return null;
  if (retiresAt <= today) return 'retired';
  const soon = new Date(Date.parse(today) + 30 * 86_400_000).toISOString().slice(0, 10);
  return retiresAt <= soon ? 'retiring' : null;
}

export const modelRegistryRoutes = new Hono<AppEnv>()
  .use('/models/registry', requireAdmin)
  .use('/models/registry/*', requireAdmin)
  .get('/models/registry', async (c) => {
    const today = new Date().toISOString().slice(0, 10);
    const models = (await c.var.stores.finetunes.registry()).map((m) => ({ ...m, retirement: retirement(m.retiresAt, today) }));
    return c.json({ models });
  })
  // A model trained outside Weir, so its retirement and prices are known too.
  .post('/models/registry', async (c) => {
    const parsed = createSchema.safeParse(await readJson(c, 8192));
    if (!parsed.success) throw new ApiError(400, 'bad_request', 'Send {model, provider, baseModel, ...}.', zodProblems(parsed.error));
    const m = parsed.data;
    const store = c.var.stores.finetunes;
    if (await store.model(m.model)) throw new ApiError(409, 'conflict', `${m.model} is already registered; PATCH it instead.`);
    const at = new Date().toISOString();
    const entry: RegistryEntry = {
      model: m.model,
      provider: m.provider,
      trainer: m.trainer ?? null,
      baseModel: m.baseModel,
      datasetName: m.datasetName ?? null,
      datasetHash: m.datasetHash ? `sha256:${m.datasetHash.replace(/^sha256:/, '')}` : null,
      jobId: null,
      trainingCostUsd: m.trainingCostUsd ?? null,
      trainingCostSource: m.trainingCostUsd === undefined ? null : 'provider',
      prices: {
        inputPerMTok: m.prices?.inputPerMTok ?? null,
        cachedInputPerMTok: m.prices?.cachedInputPerMTok ?? null,
        outputPerMTok: m.prices?.outputPerMTok ?? null,
      },
      hostingPerHour: m.hostingPerHour ?? null,
      retiresAt: m.retiresAt ?? null,
      createdAt: at,
      updatedAt: at,
    };
    await store.register(entry);
    return c.json({ model: entry }, 201);
  })
  .patch('/models/registry/:model{.+}', async (c) => {
    const parsed = patchSchema.safeParse(await readJson(c, 4096));
    if (!parsed.success)
      throw new ApiError(400, 'bad_request', 'Send {provider?, prices?, hostingPerHour?, retiresAt?}.', zodProblems(parsed.error));
    const { prices, ...rest } = parsed.data;
    const patch = { ...rest, ...(prices ? { prices: Object.fromEntries(Object.entries(prices).filter(([, v]) => v !== undefined)) } : {}) };
    const model = decodeURIComponent(c.req.param('model'));
    const updated = await c.var.stores.finetunes.updateModel(model, patch as never, new Date().toISOString());
    if (!updated) throw new ApiError(404, 'not_found', `No registered model ${model}.`);
    return c.json({ model: updated });
  })
  // A registered model into a flow's fine-tuned node as a new draft (never published).
  .post('/models/registry/:model{.+}/adopt', async (c) => {
    const model = decodeURIComponent(c.req.param('model'));
    const entry = await c.var.stores.finetunes.model(model);
    if (!entry) throw new ApiError(404, 'not_found', `No registered model ${model}.`);
    const { flow, node } = await readAdoptBody(c);
    if (!flow || !node) throw new ApiError(400, 'bad_request', 'Send {flow, node}: the flow and fine-tuned node to adopt the model into.');
    return c.json(await adoptIntoDraft(c, { flow, node }, { model, baseModel: entry.baseModel, provider: entry.provider }));
  })
  .onError(onFinetuneError);
