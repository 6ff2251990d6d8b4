// The statements behind each versioned write, built with Kysely and run by d1.ts as one D1 batch
// each. The conditions live in the SQL itself (not in a read before the write), so a write that
// races another either applies or visibly does not.
import { sql, type Kysely } from 'kysely';
import type { VersionedDb } from './d1-schema';
import type { AppendOptions, DraftInput, NewVersion } from './types';

export function writeQueries(db: Kysely<VersionedDb>, kind: string) {
  const newestLive = sql`(SELECT max(w.version) FROM item_versions w WHERE w.kind = i.kind AND w.name = i.name AND w.retired_at IS NULL)`;
  return {
    outbox: (name: string, now: string) => db.insertInto('kv_outbox').values({ kind, name, keys: '{}', created_at: now }).returning('id'),

    bump: (name: string, now: string) =>
      db
        .updateTable('versioned_items')
        .set({ rev: sql`rev + 1`, updated_at: now })
        .where('kind', '=', kind)
        .where('name', '=', name)
        .where('deleted', '=', 0),

    labelsOf: (name: string) => db.selectFrom('item_labels').select(['label', 'version']).where('kind', '=', kind).where('name', '=', name),

    versionOf: (name: string, n: number) =>
      db.selectFrom('item_versions').selectAll().where('kind', '=', kind).where('name', '=', name).where('version', '=', n),

    /** Saves a draft, re-creating a deleted item (its `latest` stays, so numbers are never reused). */
    draftUpsert: (name: string, draft: DraftInput, now: string) =>
      db
        .insertInto('versioned_items')
        .values({
          kind,
          name,
          description: draft.description,
          public: draft.public ? 1 : 0,
          draft: draft.text,
          draft_meta: draft.meta,
          latest: 0,
          rev: 1,
          deleted: 0,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['kind', 'name']).doUpdateSet({
            description: draft.description,
            public: draft.public ? 1 : 0,
            draft: draft.text,
            draft_meta: draft.meta,
            rev: sql`versioned_items.rev + 1`,
            deleted: 0,
            created_at: sql`CASE WHEN versioned_items.deleted = 1 THEN ${now} ELSE versioned_items.created_at END`,
            updated_at: now,
          }),
        ),

    /** Creates the item when asked, inserts version `latest + 1` (unless deduped), then advances `latest`. */
    append(name: string, v: NewVersion, opts: AppendOptions, now: string) {
      const upsert = db
        .insertInto('versioned_items')
        .values({ kind, name, description: opts.description ?? '', latest: 0, rev: 1, deleted: 0, created_at: now, updated_at: now })
        .onConflict((oc) =>
          oc.columns(['kind', 'name']).doUpdateSet({ description: opts.description ?? sql`versioned_items.description` }),
        );
      const dedupe = opts.dedupeByHash
        ? sql`AND NOT EXISTS (SELECT 1 FROM item_versions x WHERE x.kind = i.kind AND x.name = i.name AND x.version = ${newestLive} AND x.hash = ${v.hash ?? null})`
        : sql``;
      const insert = sql`INSERT INTO item_versions (kind, name, version, hash, body, note, created_at)
        SELECT i.kind, i.name, i.latest + 1, ${v.hash ?? null}, ${v.body}, ${v.note ?? null}, ${v.createdAt}
        FROM versioned_items i WHERE i.kind = ${kind} AND i.name = ${name} AND i.deleted = 0 ${dedupe}`.compile(db);
      const advance = db
        .updateTable('versioned_items')
        .set({ latest: sql`latest + 1`, rev: sql`rev + 1`, updated_at: now })
        .where('kind', '=', kind)
        .where('name', '=', name)
        .where(
          sql<boolean>`EXISTS (SELECT 1 FROM item_versions v WHERE v.kind = versioned_items.kind AND v.name = versioned_items.name AND v.version = versioned_items.latest + 1)`,
        )
        .returning('latest');
      const current = sql`SELECT * FROM item_versions v WHERE v.kind = ${kind} AND v.name = ${name} AND v.version =
        (SELECT max(w.version) FROM item_versions w WHERE w.kind = v.kind AND w.name = v.name AND w.retired_at IS NULL)`.compile(db);
      return { upsert: opts.create ? upsert : undefined, insert, advance, current };
    },

    /** Points a label at a version only if that version exists, is live and the item is not deleted. */
    labelUpsert: (name: string, label: string, n: number, now: string) =>
      sql`INSERT INTO item_labels (kind, name, label, version, updated_at)
        SELECT v.kind, v.name, ${label}, v.version, ${now} FROM item_versions v
        JOIN versioned_items i ON i.kind = v.kind AND i.name = v.name
        WHERE v.kind = ${kind} AND v.name = ${name} AND v.version = ${n} AND v.retired_at IS NULL AND i.deleted = 0
        ON CONFLICT (kind, name, label) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`.compile(db),

    /** Retires only an unlabelled version that is not the last live one; restoring always applies. */
    retire(name: string, n: number, retired: boolean, now: string) {
      const target = db.updateTable('item_versions').where('kind', '=', kind).where('name', '=', name).where('version', '=', n);
      if (!retired) return target.set({ retired_at: null });
      return target
        .set({ retired_at: now })
        .where('retired_at', 'is', null)
        .where(
          sql<boolean>`NOT EXISTS (SELECT 1 FROM item_labels l WHERE l.kind = item_versions.kind AND l.name = item_versions.name AND l.version = item_versions.version)`,
        )
        .where(
          sql<boolean>`EXISTS (SELECT 1 FROM item_versions o WHERE o.kind = item_versions.kind AND o.name = item_versions.name AND o.version <> item_versions.version AND o.retired_at IS NULL)`,
        );
    },

    /** Queues the outbox row (with the labels to clear), reads what goes, deletes it, marks the tombstone. */
    remove: (name: string, now: string) => [
      sql`INSERT INTO kv_outbox (kind, name, keys, created_at)
        VALUES (${kind}, ${name}, json_object('labels', json((SELECT json_group_array(label) FROM item_labels WHERE kind = ${kind} AND name = ${name}))), ${now})
        RETURNING id, keys`.compile(db),
      db.selectFrom('item_versions').select('version').where('kind', '=', kind).where('name', '=', name),
      db
        .selectFrom('versioned_items')
        .select(sql<number>`draft IS NOT NULL`.as('has_draft'))
        .where('kind', '=', kind)
        .where('name', '=', name),
      db.deleteFrom('item_labels').where('kind', '=', kind).where('name', '=', name),
      db.deleteFrom('item_versions').where('kind', '=', kind).where('name', '=', name),
      db
        .updateTable('versioned_items')
        .set({ deleted: 1, draft: null, draft_meta: null, public: 0, rev: sql`rev + 1`, updated_at: now })
        .where('kind', '=', kind)
        .where('name', '=', name)
        .where('deleted', '=', 0),
    ],
  };
}
