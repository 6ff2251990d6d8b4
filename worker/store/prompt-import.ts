// Merges a committed prompt file (flows/prompts/<name>.json) into the store without clobbering:
// versions newer than what the store holds are appended with their dates, labels are only added
// when the store does not have them yet (a label moved in the editor survives a restart).
import { StoreError } from './errors';
import { zodProblems } from './problem';
import { LATEST_LABEL, promptFile } from './prompt-schema';
import { promptVariables } from './prompt-variables';

export interface ImportOps {
  current(name: string): Promise<{ latest: number; labels: Record<string, number> } | undefined>;
  /** Appends a version (body as POST /v1/prompts/:name/versions takes it); answers its number. */
  append(name: string, version: Record<string, unknown>, description: string): Promise<number>;
  setLabel(name: string, label: string, version: number): Promise<void>;
}

export interface ImportResult {
  name: string;
  /** Versions written now. */
  added: number[];
  /** Labels written now. */
  labels: string[];
  /** Versions the file has but the store already held (the store wins). */
  kept: number[];
}

export async function importPromptFile(raw: unknown, ops: ImportOps): Promise<ImportResult> {
  const parsed = promptFile.safeParse(raw);
  if (!parsed.success) throw new StoreError('invalid', 'the prompt file is not valid', zodProblems(parsed.error));
  const file = parsed.data;
  const versions = [...file.versions].sort((a, b) => a.version - b.version);
  versions.forEach((v, i) => {
    if (v.version !== i + 1)
      throw new StoreError('invalid', `prompt file "${file.name}": versions must be numbered 1, 2, 3 ... without gaps`);
    promptVariables(v.template);
  });
  const result: ImportResult = { name: file.name, added: [], labels: [], kept: [] };
  const before = await ops.current(file.name);
  let latest = before?.latest ?? 0;
  for (const { version, ...v } of versions) {
    if (version <= latest) {
      result.kept.push(version);
      continue;
    }
    latest = await ops.append(file.name, v, file.description);
    result.added.push(latest);
  }
  if (latest === 0) return result;
  for (const [label, version] of Object.entries(file.labels)) {
    if (label === LATEST_LABEL || label in (before?.labels ?? {}) || version > latest) continue;
    await ops.setLabel(file.name, label, version);
    result.labels.push(label);
  }
  return result;
}
