// What `weir validate` knows beyond a flow file: the prompt files beside it (so a prompt's
// variables are checked against the flow's input) and the provider names the local worker is
// configured with (PROVIDERS and OPENAI_API_KEY from the environment or .dev.vars). Unknown
// providers are warnings here: the deployed worker may be configured differently.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'dotenv';
import { promptRefsOf, type PromptTemplate, type ValidateOptions } from '../../worker/engine';
import { describeProviders, providerConfigFromEnv } from '../../worker/providers';
import { filePromptResolver } from './prompt-resolver';

function providerNames(flowPath: string): string[] | undefined {
  const devVars = join(dirname(dirname(flowPath)), '.dev.vars');
  const env: Record<string, unknown> = { ...(existsSync(devVars) ? parse(readFileSync(devVars, 'utf8')) : {}) };
  for (const key of ['PROVIDERS', 'OPENAI_API_KEY', 'OPENAI_BASE_URL']) if (process.env[key] !== undefined) env[key] = process.env[key];
  try {
    return describeProviders(providerConfigFromEnv(env)).map((p) => p.name);
  } catch {
    return undefined; // a malformed PROVIDERS is reported by the worker; names cannot be checked here
  }
}

export async function flowCheckOptions(flow: unknown, flowPath: string): Promise<ValidateOptions> {
  const prompts: Record<string, PromptTemplate | undefined> = {};
  const dir = join(dirname(flowPath), 'prompts');
  if (existsSync(dir)) {
    const resolver = filePromptResolver(dir);
    for (const ref of promptRefsOf(flow))
      prompts[ref] = await resolver.resolve(ref).then(
        (p) => p.template,
        () => undefined,
      );
  }
  return { prompts, providers: providerNames(flowPath), providerSeverity: 'warning' };
}
