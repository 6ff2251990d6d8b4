// promptStore: prompts in Workers KV with immutable numbered versions and movable labels.
// Each ref key (`prompt-ref:name@3`, `prompt-ref:name@production`) holds the full version, so a
// resolution is at most one KV read, and none when the isolate cache is warm.
import { WeirError } from '../engine/errors';
import type { PromptResolver, ResolvedPrompt } from '../engine/types';
import { StoreError } from './errors';
import { PROMPT_META_PREFIX, promptMetaKey, promptRefKey } from './keys';
import { zodProblems } from './problem';
import { LATEST_LABEL, PROMPT_REF, labelName, promptMeta, storedVersion, versionInput } from './prompt-schema';
import type { PromptMeta, StoredVersion } from './prompt-schema';
import { promptVariables } from './prompt-variables';
import { TtlCache } from './ttl-cache';
import { importPromptFile } from './prompt-import';

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
export type PromptDetail = Omit<PromptMeta, 'versions'> & { versions: VersionWithVariables[] };

interface ListMetadata {
  description: string;
  latest: number;
  labels?: Record<string, number>;
  updatedAt: string;
}

export type PromptStore = ReturnType<typeof promptStore>;

export function promptStore(kv: KVNamespace, opts: { cache?: TtlCache<StoredVersion>; now?: () => Date } = {}) {
  const cache = opts.cache ?? isolatePromptCache;
  const now = () => (opts.now ?? (() => new Date()))().toISOString();

  async function readMeta(name: string): Promise<PromptMeta | undefined> {
    const raw = await kv.get(promptMetaKey(name), 'json');
    if (raw === null) return undefined;
    const parsed = promptMeta.safeParse(raw);
    if (!parsed.success) throw new StoreError('invalid', `stored prompt "${name}" is corrupt`);
    return parsed.data;
  }

  async function writeMeta(meta: PromptMeta): Promise<void> {
    const metadata: ListMetadata = {
      description: meta.description.slice(0, 140),
      latest: meta.latest,
      labels: meta.labels,
      updatedAt: meta.updatedAt,
    };
    // KV metadata is capped at 1024 bytes; list() falls back to reading the meta key.
    if (new TextEncoder().encode(JSON.stringify(metadata)).length > 1000) delete metadata.labels;
    await kv.put(promptMetaKey(meta.name), JSON.stringify(meta), { metadata });
    cache.deletePrefix(`${meta.name}@`);
  }

  /** Writes the version key, then `@latest`, then the meta: a crash never leaves meta pointing at nothing. */
  async function appendVersion(meta: PromptMeta | undefined, version: StoredVersion, description?: string): Promise<PromptMeta> {
    await kv.put(promptRefKey(version.name, version.version), JSON.stringify(version));
    await kv.put(promptRefKey(version.name, LATEST_LABEL), JSON.stringify({ ...version, label: LATEST_LABEL }));
    const at = now();
    const next: PromptMeta = {
      name: version.name,
      description: description ?? meta?.description ?? '',
      latest: version.version,
      labels: meta?.labels ?? {},
      versions: [
        ...(meta?.versions ?? []),
        { version: version.version, note: version.note, createdAt: version.createdAt, model: version.model },
      ],
      createdAt: meta?.createdAt ?? at,
      updatedAt: at,
    };
    await writeMeta(next);
    return next;
  }

  async function requireMeta(name: string): Promise<PromptMeta> {
    const meta = await readMeta(name);
    if (!meta) throw new StoreError('not_found', `no prompt named "${name}"`);
    return meta;
  }

  async function readVersion(name: string, version: number): Promise<StoredVersion> {
    const parsed = storedVersion.safeParse(await kv.get(promptRefKey(name, version), 'json'));
    if (!parsed.success) throw new StoreError('not_found', `prompt "${name}" has no version ${version}`);
    return parsed.data;
  }

  async function setLabel(meta: PromptMeta, label: string, version: number): Promise<Record<string, number>> {
    const stored = await readVersion(meta.name, version);
    await kv.put(promptRefKey(meta.name, label), JSON.stringify({ ...stored, label }));
    const labels = { ...meta.labels, [label]: version };
    await writeMeta({ ...meta, labels, updatedAt: now() });
    return labels;
  }

  function checkLabel(label: string): void {
    const parsed = labelName.safeParse(label);
    if (!parsed.success) throw new StoreError('invalid', `"${label}" is not a valid label`, zodProblems(parsed.error, '$.label'));
    if (label === LATEST_LABEL) throw new StoreError('invalid', `"${LATEST_LABEL}" always follows the newest version and cannot be moved`);
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
      const out: PromptSummary[] = [];
      let cursor: string | undefined;
      do {
        const page = await kv.list<ListMetadata>({ prefix: PROMPT_META_PREFIX, cursor });
        for (const key of page.keys) {
          const name = key.name.slice(PROMPT_META_PREFIX.length);
          const m = key.metadata;
          if (m?.labels) out.push({ name, description: m.description, latest: m.latest, labels: m.labels, updatedAt: m.updatedAt });
          else {
            const meta = await readMeta(name);
            if (meta)
              out.push({ name, description: meta.description, latest: meta.latest, labels: meta.labels, updatedAt: meta.updatedAt });
          }
        }
        cursor = page.list_complete ? undefined : page.cursor;
      } while (cursor);
      return out;
    },

    async get(name: string): Promise<PromptDetail> {
      const meta = await requireMeta(name);
      const versions = await Promise.all(meta.versions.map((v) => readVersion(name, v.version)));
      return { ...meta, versions: versions.map((v) => ({ ...v, variables: promptVariables(v.template) })) };
    },

    /** Adds the next numbered version, creating the prompt when it is new. */
    async addVersion(name: string, body: unknown): Promise<VersionWithVariables> {
      const input = versionInput.safeParse(body);
      if (!input.success) throw new StoreError('invalid', 'the prompt version is not valid', zodProblems(input.error));
      const variables = promptVariables(input.data.template);
      const { description, createdAt, ...settings } = input.data;
      const meta = await readMeta(name);
      const candidate = { ...settings, name, version: (meta?.latest ?? 0) + 1, createdAt: createdAt ?? now() };
      const version = storedVersion.safeParse(candidate);
      if (!version.success) throw new StoreError('invalid', 'the prompt version is not valid', zodProblems(version.error));
      await appendVersion(meta, version.data, description);
      return { ...version.data, variables };
    },

    async moveLabel(name: string, label: string, version: number): Promise<Record<string, number>> {
      checkLabel(label);
      return setLabel(await requireMeta(name), label, version);
    },

    async deleteLabel(name: string, label: string): Promise<Record<string, number>> {
      checkLabel(label);
      const meta = await requireMeta(name);
      if (!(label in meta.labels)) throw new StoreError('not_found', `prompt "${name}" has no label "${label}"`);
      // Ref key first: a crash in between leaves a listed label that re-deleting fixes, never a hidden live one.
      await kv.delete(promptRefKey(name, label));
      const { [label]: _removed, ...labels } = meta.labels;
      await writeMeta({ ...meta, labels, updatedAt: now() });
      return labels;
    },

    /** Merges a committed prompt file (see prompt-import.ts). */
    importFile: (file: unknown) => importPromptFile(file, { readMeta, appendVersion, setLabel }),
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
