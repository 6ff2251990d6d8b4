// The D1 implementation of the versioned store, the source of truth. Each write is one D1 batch
// (one transaction, serialised with every other write): numbers come from `latest + 1` inside the
// inserting statement and labels are conditional upserts, so concurrent writers can neither reuse
// a number nor overwrite each other; a write whose condition fails is reported, never dropped.
import { sql } from 'kysely';
import { statement, toItem, toVersion, versionedDb, type ItemRecord, type VersionRecord } from './d1-schema';
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
import { labelRecord, snapshotQueries } from './d1-reads';
import { writeQueries } from './d1-writes';
import type { AppendOptions, ItemSummary, NewVersion, PendingProjection, VersionedStore, VersionRow } from './types';

export function d1VersionedStore(d1: D1Database, text: KindText): VersionedStore {
  // Built on first use: the run path gets these stores per request but never touches D1.
  let kysely: ReturnType<typeof versionedDb> | undefined;
  const db = () => (kysely ??= versionedDb(d1));
  const kind = text.kind;
  const items = () => db().selectFrom('versioned_items').where('kind', '=', kind);
  const run = (...queries: Parameters<typeof statement>[1][]) => d1.batch(queries.map((q) => statement(d1, q)));
  const q = () => writeQueries(db(), kind);
  const outbox = (name: string, now: string) => q().outbox(name, now);
  const bump = (name: string, now: string) => q().bump(name, now);
  const labelsOf = (name: string) => q().labelsOf(name);
  const idOf = (r: D1Result) => (r.results[0] as { id: number } | undefined)?.id ?? 0;
  const first = <T>(r: D1Result) => r.results[0] as T | undefined;

  async function item(name: string) {
    const row = await items().selectAll().where('name', '=', name).executeTakeFirst();
    return row ? toItem(row) : undefined;
  }
  async function version(name: string, n: number): Promise<VersionRow | undefined> {
    const row = await db()
      .selectFrom('item_versions')
      .selectAll()
      .where('kind', '=', kind)
      .where('name', '=', name)
      .where('version', '=', n)
      .executeTakeFirst();
    return row ? toVersion(row) : undefined;
  }
  async function liveItem(name: string) {
    const row = await item(name);
    if (!row || row.deleted) throw missingItem(text, name);
    return row;
  }

  return {
    kind,
    item,
    version,
    async list() {
      const [rows, labels] = await run(
        items().selectAll().where('deleted', '=', 0).orderBy('name'),
        db().selectFrom('item_labels').select(['name', 'label', 'version']).where('kind', '=', kind),
      );
      const byName = new Map<string, Record<string, number>>();
      for (const l of labels.results as { name: string; label: string; version: number }[])
        byName.set(l.name, { ...byName.get(l.name), [l.label]: l.version });
      return (rows.results as ItemRecord[]).map((r): ItemSummary => {
        const { draft, deleted: _deleted, ...rest } = toItem(r);
        return { ...rest, labels: byName.get(r.name) ?? {}, hasDraft: draft !== null };
      });
    },
    labels: async (name) => labelRecord(await labelsOf(name).execute()),
    async versions(name) {
      const rows = await db()
        .selectFrom('item_versions')
        .select(['version', 'hash', 'note', 'created_at', 'retired_at', sql<string>`''`.as('body')])
        .where('kind', '=', kind)
        .where('name', '=', name)
        .orderBy('version')
        .execute();
      return rows.map((r) => {
        const { body: _body, ...summary } = toVersion(r);
        return summary;
      });
    },
    async snapshot(name, touched) {
      const [itemRes, labelRes, liveRes, versionRes] = await run(...snapshotQueries(db(), kind, name, touched));
      const row = first<ItemRecord>(itemRes);
      const versions = new Map((versionRes.results as VersionRecord[]).map((r) => [r.version, toVersion(r)]));
      return {
        item: row ? toItem(row) : undefined,
        labels: labelRecord(labelRes.results as { label: string; version: number }[]),
        versions,
        latestLive: first<{ v: number | null }>(liveRes)?.v ?? undefined,
      };
    },
    rev: async (name) => (await items().select('rev').where('name', '=', name).executeTakeFirst())?.rev,

    async putDraft(name, draft, now) {
      const [before, , queued] = await run(
        items().select(['public', 'deleted']).where('name', '=', name),
        q().draftUpsert(name, draft, now),
        outbox(name, now),
      );
      const was = first<{ public: number; deleted: number }>(before);
      const created = !was || was.deleted === 1;
      return { created, publicChanged: !created && (was.public === 1) !== draft.public, outbox: idOf(queued) };
    },

    async append(name: string, v: NewVersion, opts: AppendOptions) {
      const now = opts.now ?? v.createdAt;
      const { upsert, insert, advance, current } = q().append(name, v, opts, now);
      const statements = [
        ...(upsert ? [statement(d1, upsert)] : []),
        statement(d1, insert),
        statement(d1, advance),
        statement(d1, outbox(name, now)),
        statement(d1, current),
      ];
      const results = await d1.batch(statements);
      const [advanced, queued, newestRes] = results.slice(-3);
      const bumped = first<{ latest: number }>(advanced);
      if (bumped) return { created: true as const, version: bumped.latest, outbox: idOf(queued) };
      const existing = first<VersionRecord>(newestRes);
      if (opts.dedupeByHash && existing && existing.hash === v.hash)
        return { created: false as const, version: toVersion(existing), outbox: idOf(queued) };
      throw missingItem(text, name);
    },

    async setLabel(name, label, n, now) {
      checkLabel(text, label);
      const upsert = q().labelUpsert(name, label, n, now);
      const [written, , queued, labels] = await d1.batch([
        statement(d1, upsert),
        statement(d1, bump(name, now)),
        statement(d1, outbox(name, now)),
        statement(d1, labelsOf(name)),
      ]);
      if (written.meta.changes > 0) return { labels: labelRecord(labels.results as never), outbox: idOf(queued) };
      await liveItem(name);
      const target = await version(name, n);
      if (!target) throw missingVersion(text, name, n);
      throw retiredVersion(text, name, n);
    },

    async deleteLabel(name, label, now) {
      checkLabel(text, label);
      const [removed, , queued, labels] = await run(
        db().deleteFrom('item_labels').where('kind', '=', kind).where('name', '=', name).where('label', '=', label),
        bump(name, now),
        outbox(name, now),
        labelsOf(name),
      );
      if (removed.meta.changes > 0) return { labels: labelRecord(labels.results as never), outbox: idOf(queued) };
      await liveItem(name);
      throw missingLabel(text, name, label);
    },

    async setRetired(name, n, retired, now) {
      const [, , queued, after, labels] = await run(
        q().retire(name, n, retired, now),
        bump(name, now),
        outbox(name, now),
        q().versionOf(name, n),
        labelsOf(name),
      );
      const row = first<VersionRecord>(after);
      if (!row) {
        await liveItem(name);
        throw missingVersion(text, name, n);
      }
      const result = toVersion(row);
      if (result.retired !== retired) {
        const on = Object.entries(labelRecord(labels.results as never)).filter(([, v]) => v === n);
        const labelled = on.map(([l]) => l);
        throw labelled.length ? labelledVersion(text, name, n, labelled) : lastLiveVersion(text, name, n);
      }
      return { version: result, outbox: idOf(queued) };
    },

    async remove(name, now) {
      const [queued, versions, before, , , marked] = await run(...q().remove(name, now));
      const labels = (JSON.parse(first<{ keys: string }>(queued)?.keys ?? '{}') as { labels?: string[] }).labels ?? [];
      return {
        removed: marked.meta.changes > 0,
        labels,
        versions: (versions.results as { version: number }[]).map((r) => r.version),
        hadDraft: first<{ has_draft: number }>(before)?.has_draft === 1,
        outbox: idOf(queued),
      };
    },

    async pending({ name, olderThan, limit = 50 }): Promise<PendingProjection[]> {
      let q = db().selectFrom('kv_outbox').select(['id', 'name', 'keys']).where('kind', '=', kind);
      if (name !== undefined) q = q.where('name', '=', name);
      if (olderThan !== undefined) q = q.where('created_at', '<', olderThan);
      const rows = await q.orderBy('id').limit(limit).execute();
      return rows.map((r) => ({ id: r.id, name: r.name, clearLabels: (JSON.parse(r.keys) as { labels?: string[] }).labels ?? [] }));
    },
    async settle(ids) {
      if (ids.length) await db().deleteFrom('kv_outbox').where('id', 'in', ids).execute();
    },
    async settleAt(name, rev, ids) {
      // One batch: the rev check and the settle see the same state.
      const current = items().select('rev').where('name', '=', name);
      const settle = db()
        .deleteFrom('kv_outbox')
        .where('id', 'in', ids.length ? ids : [0])
        .where(sql<boolean>`(SELECT rev FROM versioned_items WHERE kind = ${kind} AND name = ${name}) IS ${rev ?? null}`);
      const [, now] = await run(settle, current);
      return first<{ rev: number }>(now)?.rev === rev;
    },
  };
}
