// Merges a committed prompt file (flows/prompts/<name>.json) into KV without clobbering: versions
// newer than what KV holds are appended with their numbers and dates, labels are only added when
// KV does not have them yet (a label moved in the editor survives a restart).
import { StoreError } from './errors';
import { zodProblems } from './problem';
import { LATEST_LABEL, promptFile } from './prompt-schema';
import type { PromptMeta, StoredVersion } from './prompt-schema';
import { promptVariables } from './prompt-variables';

export interface ImportOps {
  readMeta(name: string): Promise<PromptMeta | undefined>;
  appendVersion(meta: PromptMeta | undefined, version: StoredVersion, description?: string): Promise<PromptMeta>;
  setLabel(meta: PromptMeta, label: string, version: number): Promise<Record<string, number>>;
}

export interface ImportResult {
  name: string;
  /** Versions written now. */
  added: number[];
  /** Labels written now. */
  labels: string[];
  /** Versions the file has but KV already held (KV wins). */
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
  let meta = await ops.readMeta(file.name);
  const held = meta?.latest ?? 0;
  for (const v of versions) {
    if (v.version <= held) {
      result.kept.push(v.version);
      continue;
    }
    meta = await ops.appendVersion(meta, { ...v, name: file.name }, file.description);
    result.added.push(v.version);
  }
  if (!meta) return result;
  for (const [label, version] of Object.entries(file.labels)) {
    if (label === LATEST_LABEL || label in meta.labels || version > meta.latest) continue;
    meta = { ...meta, labels: await ops.setLabel(meta, label, version) };
    result.labels.push(label);
  }
  return result;
}
