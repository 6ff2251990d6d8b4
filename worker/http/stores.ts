// The stores every route uses, built once per request from the bindings and handed to handlers as
// `c.var.stores`; routes never read WEIR_KV (or WEIR_DB) themselves.
import { createMiddleware } from 'hono/factory';
import { runStore, type RunStore } from '../runs/log/store';
import {
  flowStore,
  flowVersionStore,
  importLegacyKv,
  promptStore,
  resolveFlow,
  type FlowRef,
  type LegacyImport,
  type ResolvedFlow,
} from '../store';
import type { AppEnv, Bindings } from './env';
import { datasetStore, type DatasetStore } from '../store/datasets';
import { d1FinetuneStore } from '../finetune/store/d1';
import type { FinetuneStore } from '../finetune/store/types';
import { evalDefinitionStore, type EvalDefinitionStore } from '../eval-runs/definitions';
import { evalRunStore, type EvalRunStore } from '../eval-runs/run-store';

export interface Stores {
  flows: ReturnType<typeof flowStore>;
  flowVersions: ReturnType<typeof flowVersionStore>;
  prompts: ReturnType<typeof promptStore>;
  /** The run log (D1 + R2). */
  runs: RunStore;
  finetunes: FinetuneStore;
  /** Datasets mirrored into D1 (the third versioned kind). */
  datasets: DatasetStore;
  /** Eval definitions and eval runs (D1; large reports in R2). */
  evals: EvalDefinitionStore;
  evalRuns: EvalRunStore;
  /** What a flow reference (`id`, `id@3`, `id@label`, `id@draft`) runs. */
  resolveFlow(id: string, ref: FlowRef): Promise<ResolvedFlow | undefined>;
  /** Copies prompts and flows an older Weir kept only in KV into D1 (idempotent). */
  importLegacyKv(): Promise<LegacyImport>;
}

export function buildStores(env: Bindings): Stores {
  const kv = env.WEIR_KV;
  // D1 is the source of truth for management; runs only ever read KV (resolveFlow, prompts.resolve).
  const deps = { kv, db: env.WEIR_DB };
  return {
    flows: flowStore(deps),
    flowVersions: flowVersionStore(deps),
    prompts: promptStore(deps),
    runs: runStore(env),
    finetunes: d1FinetuneStore(env.WEIR_DB),
    datasets: datasetStore(deps),
    evals: evalDefinitionStore(env.WEIR_DB),
    evalRuns: evalRunStore(env.WEIR_DB, env.WEIR_BLOBS),
    resolveFlow: (id, ref) => resolveFlow(kv, id, ref),
    importLegacyKv: () => importLegacyKv(deps),
  };
}

export const storesMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set('stores', buildStores(c.env));
  await next();
});
