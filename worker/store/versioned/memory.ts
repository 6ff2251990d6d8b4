// The in-memory twin of the D1 versioned store, for tests: the same contract (test/worker/store/
// versioned.test.ts runs against both), each write done synchronously so it is atomic.
import {
  checkLabel,
  labelledVersion,
  lastLiveVersion,
  missingItem,
  missingLabel,
  missingVersion,
  retiredVersion,
  type KindText,
} from './errors';
import type { ItemRow, PendingProjection, Snapshot, VersionedStore, VersionRow } from './types';

interface Entry {
  item: ItemRow;
  versions: Map<number, VersionRow>;
  labels: Map<string, number>;
}

export function memoryVersionedStore(text: KindText): VersionedStore {
  const entries = new Map<string, Entry>();
  const outbox = new Map<number, PendingProjection & { createdAt: string }>();
  let nextOutbox = 1;
  const queue = (name: string, now: string, clearLabels: string[] = []) => {
    const id = nextOutbox++;
    outbox.set(id, { id, name, clearLabels, createdAt: now });
    return id;
  };
  const live = (name: string) => {
    const e = entries.get(name);
    if (!e || e.item.deleted) throw missingItem(text, name);
    return e;
  };
  const bump = (e: Entry, now: string) => {
    e.item = { ...e.item, rev: e.item.rev + 1, updatedAt: now };
  };
  const labelsOf = (e: Entry) => Object.fromEntries([...e.labels].sort(([a], [b]) => a.localeCompare(b)));
  const latestLive = (e: Entry) => Math.max(0, ...[...e.versions.values()].filter((v) => !v.retired).map((v) => v.version)) || undefined;

  return {
    kind: text.kind,
    item: async (name) => entries.get(name)?.item,
    version: async (name, n) => entries.get(name)?.versions.get(n),
    async list() {
      return [...entries.values()]
        .filter((e) => !e.item.deleted)
        .sort((a, b) => a.item.name.localeCompare(b.item.name))
        .map(({ item: { draft, deleted: _d, ...rest }, labels }) => ({
          ...rest,
          labels: Object.fromEntries(labels),
          hasDraft: draft !== null,
        }));
    },
    labels: async (name) => {
      const e = entries.get(name);
      return e ? labelsOf(e) : {};
    },
    versions: async (name) =>
      [...(entries.get(name)?.versions.values() ?? [])].map(({ body: _b, ...v }) => v).sort((a, b) => a.version - b.version),
    async snapshot(name, touched): Promise<Snapshot> {
      const e = entries.get(name);
      if (!e) return { item: undefined, labels: {}, versions: new Map(), latestLive: undefined };
      const wanted = new Set<number>();
      const add = (n: number | undefined) => n !== undefined && wanted.add(n);
      if (touched.versions === 'all') e.versions.forEach((_, n) => add(n));
      else touched.versions?.forEach(add);
      if (touched.labels === 'all') e.labels.forEach(add);
      else touched.labels?.forEach((l) => add(e.labels.get(l)));
      if (touched.latest) add(latestLive(e));
      const versions = new Map([...wanted].filter((n) => e.versions.has(n)).map((n) => [n, e.versions.get(n)!]));
      return { item: e.item, labels: labelsOf(e), versions, latestLive: latestLive(e) };
    },
    rev: async (name) => entries.get(name)?.item.rev,

    async putDraft(name, draft, now) {
      const e = entries.get(name);
      const created = !e || e.item.deleted;
      const publicChanged = !created && e.item.public !== draft.public;
      const base: ItemRow = e?.item ?? {
        name,
        description: '',
        public: false,
        latest: 0,
        rev: 0,
        deleted: false,
        draft: null,
        draftMeta: null,
        createdAt: now,
        updatedAt: now,
      };
      const item: ItemRow = {
        ...base,
        description: draft.description,
        public: draft.public,
        draft: draft.text,
        draftMeta: draft.meta,
        rev: base.rev + 1,
        deleted: false,
        createdAt: created ? now : base.createdAt,
        updatedAt: now,
      };
      entries.set(name, { item, versions: e?.versions ?? new Map(), labels: e?.labels ?? new Map() });
      return { created, publicChanged, outbox: queue(name, now) };
    },

    async append(name, v, opts) {
      const now = opts.now ?? v.createdAt;
      if (opts.create && !entries.has(name))
        entries.set(name, {
          item: {
            name,
            description: opts.description ?? '',
            public: false,
            latest: 0,
            rev: 1,
            deleted: false,
            draft: null,
            draftMeta: null,
            createdAt: now,
            updatedAt: now,
          },
          versions: new Map(),
          labels: new Map(),
        });
      const e = entries.get(name);
      if (e && opts.create && opts.description !== undefined) e.item = { ...e.item, description: opts.description };
      const outboxId = queue(name, now);
      if (!e || e.item.deleted) throw missingItem(text, name);
      const newest = latestLive(e);
      const current = newest === undefined ? undefined : e.versions.get(newest);
      if (opts.dedupeByHash && current && current.hash === (v.hash ?? null))
        return { created: false as const, version: current, outbox: outboxId };
      const version = e.item.latest + 1;
      e.versions.set(version, {
        version,
        hash: v.hash ?? null,
        body: v.body,
        note: v.note ?? null,
        createdAt: v.createdAt,
        retired: false,
      });
      e.item = { ...e.item, latest: version };
      bump(e, now);
      return { created: true as const, version, outbox: outboxId };
    },

    async setLabel(name, label, n, now) {
      checkLabel(text, label);
      const outboxId = queue(name, now);
      const e = live(name);
      const target = e.versions.get(n);
      if (!target) throw missingVersion(text, name, n);
      if (target.retired) throw retiredVersion(text, name, n);
      e.labels.set(label, n);
      bump(e, now);
      return { labels: labelsOf(e), outbox: outboxId };
    },

    async deleteLabel(name, label, now) {
      checkLabel(text, label);
      const outboxId = queue(name, now);
      const e = live(name);
      if (!e.labels.delete(label)) throw missingLabel(text, name, label);
      bump(e, now);
      return { labels: labelsOf(e), outbox: outboxId };
    },

    async setRetired(name, n, retired, now) {
      const outboxId = queue(name, now);
      const e = live(name);
      const target = e.versions.get(n);
      if (!target) throw missingVersion(text, name, n);
      const on = [...e.labels].filter(([, v]) => v === n).map(([l]) => l);
      if (retired && !target.retired && on.length) throw labelledVersion(text, name, n, on.sort());
      if (retired && !target.retired && [...e.versions.values()].filter((v) => !v.retired).length === 1)
        throw lastLiveVersion(text, name, n);
      const next = { ...target, retired };
      e.versions.set(n, next);
      bump(e, now);
      return { version: next, outbox: outboxId };
    },

    async remove(name, now) {
      const e = entries.get(name);
      const labels = e ? [...e.labels.keys()].sort() : [];
      const outboxId = queue(name, now, labels);
      if (!e || e.item.deleted) return { removed: false, labels, versions: [], hadDraft: false, outbox: outboxId };
      const versions = [...e.versions.keys()];
      const hadDraft = e.item.draft !== null;
      e.versions.clear();
      e.labels.clear();
      e.item = { ...e.item, deleted: true, draft: null, draftMeta: null, public: false };
      bump(e, now);
      return { removed: true, labels, versions, hadDraft, outbox: outboxId };
    },

    async pending({ name, olderThan, limit = 50 }) {
      return [...outbox.values()]
        .filter((p) => (name === undefined || p.name === name) && (olderThan === undefined || p.createdAt < olderThan))
        .slice(0, limit)
        .map(({ createdAt: _c, ...p }) => p);
    },
    async settle(ids) {
      for (const id of ids) outbox.delete(id);
    },
    async settleAt(name, rev, ids) {
      if (entries.get(name)?.item.rev !== rev) return false;
      for (const id of ids) outbox.delete(id);
      return true;
    },
  };
}
