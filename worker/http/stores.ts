// The stores every route uses, built once per request from the bindings and handed to handlers as
// `c.var.stores`; routes never read WEIR_KV (or WEIR_DB) themselves.
import { createMiddleware } from 'hono/factory';
import { flowStore, flowVersionStore, promptStore, resolveFlow, type FlowRef, type ResolvedFlow } from '../store';
import type { AppEnv, Bindings } from './env';
import { d1FinetuneStore } from '../finetune/store/d1';
import type { FinetuneStore } from '../finetune/store/types';

export interface Stores {
  flows: ReturnType<typeof flowStore>;
  flowVersions: ReturnType<typeof flowVersionStore>;
  prompts: ReturnType<typeof promptStore>;
  finetunes: FinetuneStore;
  /** What a flow reference (`id`, `id@3`, `id@label`, `id@draft`) runs. */
  resolveFlow(id: string, ref: FlowRef): Promise<ResolvedFlow | undefined>;
}

export function buildStores(env: Bindings): Stores {
  const kv = env.WEIR_KV;
  return {
    flows: flowStore(kv),
    flowVersions: flowVersionStore(kv),
    prompts: promptStore(kv),
    finetunes: d1FinetuneStore(env.WEIR_DB),
    resolveFlow: (id, ref) => resolveFlow(kv, id, ref),
  };
}

export const storesMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set('stores', buildStores(c.env));
  await next();
});
