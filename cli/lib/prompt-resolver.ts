// A PromptResolver over prompt files (flows/prompts/<name>.json), so `weir run` resolves
// `name@label` and `name@3` the way the worker does from KV, without a worker.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROMPT_REF, WeirError, type PromptResolver, type ResolvedPrompt } from '../../worker/engine';
import { LATEST_LABEL, promptFile, type PromptFile } from '../../worker/store/prompt-schema';

export function filePromptResolver(promptsDir: string): PromptResolver {
  const files = new Map<string, PromptFile>();

  function load(name: string): PromptFile {
    const cached = files.get(name);
    if (cached) return cached;
    const path = join(promptsDir, `${name}.json`);
    if (!existsSync(path)) throw new WeirError('prompt_not_found', `prompt "${name}" has no file ${path}`);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new WeirError('prompt_not_found', `prompt file ${path} is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = promptFile.safeParse(raw);
    if (!parsed.success) throw new WeirError('prompt_not_found', `prompt file ${path} is not valid (run weir validate)`);
    files.set(name, parsed.data);
    return parsed.data;
  }

  return {
    async resolve(ref: string): Promise<ResolvedPrompt> {
      const match = PROMPT_REF.exec(ref);
      if (!match) throw new WeirError('prompt_not_found', `"${ref}" is not a prompt reference (name@label or name@3)`);
      const [, name, which] = match;
      const file = load(name);
      const pinned = /^[0-9]+$/.test(which);
      const number = pinned
        ? Number(which)
        : which === LATEST_LABEL
          ? Math.max(...file.versions.map((v) => v.version))
          : file.labels[which];
      if (number === undefined) throw new WeirError('prompt_not_found', `prompt "${name}" has no label "${which}"`);
      const version = file.versions.find((v) => v.version === number);
      if (!version) throw new WeirError('prompt_not_found', `prompt "${name}" has no version ${number}`);
      return {
        name,
        version: version.version,
        ...(pinned ? {} : { label: which }),
        template: version.template,
        ...(version.model !== undefined ? { model: version.model } : {}),
        ...(version.temperature !== undefined ? { temperature: version.temperature } : {}),
        ...(version.maxTokens !== undefined ? { maxTokens: version.maxTokens } : {}),
      };
    },
  };
}
