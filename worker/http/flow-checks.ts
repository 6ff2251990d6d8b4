// What the worker knows beyond a flow file, for validating it on PUT and /validate: the
// configured provider names (an unknown one is an error here, where the configuration is
// authoritative), the node cap (MAX_NODES), and the KV prompts the flow references, resolved so
// their variables are checked against the flow's input.
import type { Context } from 'hono';
import { promptRefsOf, type PromptTemplate, type ValidateOptions } from '../engine';
import { registryRetirements } from '../finetune/retirements';
import { describeProviders } from '../providers';
import type { AppEnv } from './env';
import { limitsFromEnv, providerRuntime } from '../runs/runtime';

export async function flowCheckOptions(c: Context<AppEnv>, flow: unknown): Promise<ValidateOptions> {
  const prompts: Record<string, PromptTemplate | undefined> = {};
  const store = c.var.stores.prompts;
  await Promise.all(
    promptRefsOf(flow)
      .slice(0, 50)
      .map(async (ref) => {
        prompts[ref] = await store.resolve(ref).then(
          (p) => p.template,
          () => undefined, // a missing prompt fails the run with prompt_not_found; saving a draft of it is fine
        );
      }),
  );
  let providers: string[] | undefined;
  try {
    providers = describeProviders(providerRuntime(c.env).config).map((p) => p.name);
  } catch {
    providers = undefined; // a broken PROVIDERS setting fails runs with provider_config; saving still works
  }
  return {
    providers,
    providerSeverity: 'error',
    maxNodes: limitsFromEnv(c.env).maxNodes,
    retirements: await registryRetirements(c.var.stores.finetunes).catch(() => []),
    prompts,
  };
}
