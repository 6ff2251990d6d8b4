// Prompts between files and the worker: which file versions the worker lacks, which clash (same
// number, different content: versions are immutable, so that is a conflict), and files from API answers.
import { diffValues } from '../../worker/engine';
import type { PromptFile } from '../../worker/store/prompt-schema';

export interface RemoteVersion {
  version: number;
  template: unknown;
  model?: string;
  temperature?: number;
  maxTokens?: number;
  note?: string;
  createdAt: string;
}

export interface RemotePrompt {
  name: string;
  description: string;
  labels: Record<string, number>;
  versions: RemoteVersion[];
}

type Version = PromptFile['versions'][number];

/** What a version means to a model call; notes and dates are not content. */
const content = (v: Version | RemoteVersion) => ({
  template: v.template,
  model: v.model,
  temperature: v.temperature,
  maxTokens: v.maxTokens,
});

export interface PromptPlan {
  toAdd: Version[];
  conflicts: string[];
  /** Versions the worker has that the file does not. */
  onlyRemote: number[];
  labels: { label: string; version: number; from?: number }[];
  /** Labels only the worker has. */
  extraLabels: string[];
}

export function planPromptPush(file: PromptFile, remote: RemotePrompt | undefined): PromptPlan {
  const held = new Map((remote?.versions ?? []).map((v) => [v.version, v]));
  const latest = Math.max(0, ...held.keys());
  const plan: PromptPlan = { toAdd: [], conflicts: [], onlyRemote: [], labels: [], extraLabels: [] };
  const local = [...file.versions].sort((a, b) => a.version - b.version);
  for (const v of local) {
    const there = held.get(v.version);
    if (there && diffValues('', content(there), content(v)).length > 0) {
      plan.conflicts.push(
        `version ${v.version} differs between the file and the worker (versions are immutable: add a new version instead)`,
      );
    } else if (!there && v.version !== latest + plan.toAdd.length + 1) {
      plan.conflicts.push(
        `the file's version ${v.version} cannot be added: the worker's next version is ${latest + plan.toAdd.length + 1}`,
      );
      break;
    } else if (!there) plan.toAdd.push(v);
  }
  const localNumbers = new Set(local.map((v) => v.version));
  plan.onlyRemote = [...held.keys()].filter((n) => !localNumbers.has(n)).sort((a, b) => a - b);
  if (plan.conflicts.length) return { ...plan, toAdd: [] };
  for (const [label, version] of Object.entries(file.labels).sort()) {
    if (remote?.labels[label] !== version) plan.labels.push({ label, version, from: remote?.labels[label] });
  }
  plan.extraLabels = Object.keys(remote?.labels ?? {})
    .filter((l) => !(l in file.labels))
    .sort();
  return plan;
}

/** A prompt file's content from `GET /v1/prompts/:name` (variables and KV-only fields dropped). */
export function promptFileFromRemote(remote: RemotePrompt): Record<string, unknown> {
  return {
    name: remote.name,
    description: remote.description,
    versions: remote.versions.map((v) => ({
      version: v.version,
      template: v.template,
      model: v.model,
      temperature: v.temperature,
      maxTokens: v.maxTokens,
      note: v.note,
      createdAt: v.createdAt,
    })),
    labels: Object.fromEntries(Object.entries(remote.labels).filter(([l]) => l !== 'latest')),
  };
}
