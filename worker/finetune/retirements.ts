// The model registry's retirement dates in the shape the engine's retirement check takes
// (worker/engine/validate-retirement.ts), for PUT /v1/flows and /v1/flows/validate.
import type { ModelRetirement } from '../engine/validate-retirement';
import type { FinetuneStore } from './store/types';

export async function registryRetirements(store: FinetuneStore): Promise<ModelRetirement[]> {
  return (await store.registry())
    .filter((m) => m.retiresAt !== null)
    .map((m) => ({ model: m.model, retiresAt: m.retiresAt!, baseModel: m.baseModel }));
}
