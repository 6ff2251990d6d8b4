// promptStore: prompts with immutable numbered versions and movable labels. D1 holds them (the
// versioned store); KV holds one key per reference (`prompt-ref:name@3`, `prompt-ref:name@production`)
// with the full version, so a resolution is at most one KV read, and none when the isolate cache is warm.
import { WeirError } from '../engine/errors';
import type { PromptResolver, ResolvedPrompt } from '../engine/types';
import { versionedFor, type StoreDeps } from './deps';
import { StoreError } from './errors';
import { promptRefKey } from './keys';
import { zodProblems } from './problem';
import { importPromptFile } from './prompt-import';
import { PROMPT_KIND, promptProjector, storedFromRow } from './prompt-projection';
import { PROMPT_REF, storedVersion, versionInput, type StoredVersion } from './prompt-schema';
import { promptVariables } from './prompt-variables';
import { TtlCache } from './ttl-cache';
import { catchUp, projectWrite, type Touched, type VersionedStore } from './versioned';

/** Labels move, so the isolate keeps them briefly; versions never change and stay longer. */
export const LABEL_CACHE_MS = 5_000;
export const VERSION_CACHE_MS = 10 * 60_000;
/** KV's own edge cache (seconds; KV's minimum is 30). */
export const KV_LABEL_CACHE_TTL = 30;
export const KV_VERSION_CACHE_TTL = 3600;

/** Shared by every request in this isolate. */
export const isolatePromptCache = new TtlCache<StoredVersion>();

export interface PromptSummary {
  name: string;
  description: string;
  latest: number;
  labels: Record<string, number>;
  updatedAt: string;
}
export type VersionWithVariables = StoredVersion & { variables: string[] };
export interface PromptDetail extends PromptSummary {
  createdAt: string;
  versions: VersionWithVariables[];
}

export type PromptStore = ReturnType<typeof promptStore>;

export function promptStore(deps: StoreDeps, opts: { cache?: TtlCache<StoredVersion>; now?: () => Date } = {}) {
  const { kv } = deps;
  const cache = opts.cache ?? isolatePromptCache;
  const now = () => (opts.now ?? (() => new Date()))().toISOString();
  const projector = promptProjector(cache);
  // Built on first use: runs only resolve, from KV.
  let versioned: VersionedStore | undefined;
  const db = () => (versioned ??= versionedFor(deps, PROMPT_KIND));

  /** Projects a committed write to KV, then any earlier write of this prompt that never was. */
  async function sync(name: string, touched: Touched, outbox: number): Promise<void> {
    await projectWrite(db(), kv, projector, name, touched, [outbox]);
  }

  async function append(name: string, body: unknown, description?: string): Promise<VersionWithVariables> {
    const input = versionInput.safeParse(body);
    if (!input.success) throw new StoreError('invalid', 'the prompt version is not valid', zodProblems(input.error));
    const variables = promptVariables(input.data.template);
    const { description: given, createdAt, ...settings } = input.data;
    const at = createdAt ?? now();
    const checked = storedVersion.safeParse({ ...settings, name, version: 1, createdAt: at });
    if (!checked.success) throw new StoreError('invalid', 'the prompt version is not valid', zodProblems(checked.error));
    const { name: _name, version: _version, ...rest } = checked.data;
    const added = await db().append(
      name,
      { body: JSON.stringify(rest), note: rest.note, createdAt: at },
      { create: true, description: given ?? description, now: now() },
    );
    if (!added.created) throw new StoreError('conflict', `prompt "${name}" did not take a new version`);
    await sync(name, { versions: [added.version], latest: true }, added.outbox);
    return { ...checked.data, version: added.version, variables };
  }

  async function moveLabel(name: string, label: string, version: number): Promise<Record<string, number>> {
    const { labels, outbox } = await db().setLabel(name, label, version, now());
    await sync(name, { labels: [label] }, outbox);
    return labels;
  }

  const store = {
    async resolve(ref: string): Promise<ResolvedPrompt & StoredVersion> {
      const match = PROMPT_REF.exec(ref);
      if (!match) throw new WeirError('prompt_not_found', `"${ref}" is not a prompt reference (name@label or name@3)`);
      const hit = cache.get(ref);
      if (hit) return hit;
      const pinned = /^[0-9]+$/.test(match[2]);
      const raw = await kv.get(promptRefKey(match[1], match[2]), {
        type: 'json',
        cacheTtl: pinned ? KV_VERSION_CACHE_TTL : KV_LABEL_CACHE_TTL,
      });
      if (raw === null) throw new WeirError('prompt_not_found', `prompt "${ref}" does not exist`);
      const parsed = storedVersion.safeParse(raw);
      if (!parsed.success) throw new WeirError('prompt_not_found', `prompt "${ref}" is stored in an unreadable form`);
      // Shared by every run in this isolate, so frozen rather than copied on each warm read.
      const version = deepFreeze(parsed.data);
      cache.set(ref, version, pinned ? VERSION_CACHE_MS : LABEL_CACHE_MS);
      return version;
    },

    async list(): Promise<PromptSummary[]> {
      return (await db().list()).map(({ name, description, latest, labels, updatedAt }) => ({
        name,
        description,
        latest,
        labels,
        updatedAt,
      }));
    },

    async get(name: string): Promise<PromptDetail> {
      const snap = await db().snapshot(name, { versions: 'all' });
      if (!snap.item || snap.item.deleted) throw new StoreError('not_found', PROMPT_KIND.missing(name));
      const { description, latest, createdAt, updatedAt } = snap.item;
      const versions = [...snap.versions.values()]
        .sort((a, b) => a.version - b.version)
        .map((row) => storedFromRow(name, row))
        .map((v) => ({ ...v, variables: promptVariables(v.template) }));
      return { name, description, latest, labels: snap.labels, createdAt, updatedAt, versions };
    },

    /** Adds the next numbered version, creating the prompt when it is new. */
    addVersion: (name: string, body: unknown) => append(name, body),

    moveLabel,

    async deleteLabel(name: string, label: string): Promise<Record<string, number>> {
      const { labels, outbox } = await db().deleteLabel(name, label, now());
      await sync(name, { labels: [label] }, outbox);
      return labels;
    },

    /** Merges a committed prompt file (see prompt-import.ts). */
    importFile: (file: unknown) =>
      importPromptFile(file, {
        current: async (name) => {
          const item = await db().item(name);
          return item && !item.deleted ? { latest: item.latest, labels: await db().labels(name) } : undefined;
        },
        append: async (name, version, description) => (await append(name, version, description)).version,
        setLabel: async (name, label, version) => void (await moveLabel(name, label, version)),
      }),

    /** Projects writes whose request died before KV was updated (the scheduled sweep). */
    catchUp: () => catchUp(db(), kv, projector),
  };
  return store satisfies PromptResolver & Record<string, unknown>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
