// The consistent reads behind a projection: the item, its labels, its newest live version and the
// version bodies the touched keys need, as one D1 batch (one transaction, so all at one `rev`).
import { sql, type Compilable, type CompiledQuery, type Kysely } from 'kysely';
import type { VersionedDb } from './d1-schema';
import type { Touched } from './types';

export function labelRecord(rows: { label: string; version: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of [...rows].sort((a, b) => a.label.localeCompare(b.label))) out[r.label] = r.version;
  return out;
}

export function snapshotQueries(db: Kysely<VersionedDb>, kind: string, name: string, touched: Touched): (Compilable | CompiledQuery)[] {
  const live = sql`(SELECT max(w.version) FROM item_versions w WHERE w.kind = ${kind} AND w.name = ${name} AND w.retired_at IS NULL)`;
  const conditions = [];
  if (touched.versions === 'all') conditions.push(sql`1 = 1`);
  else if (touched.versions?.length) conditions.push(sql`v.version IN (SELECT value FROM json_each(${JSON.stringify(touched.versions)}))`);
  if (touched.labels === 'all')
    conditions.push(sql`v.version IN (SELECT l.version FROM item_labels l WHERE l.kind = ${kind} AND l.name = ${name})`);
  else if (touched.labels?.length)
    conditions.push(
      sql`v.version IN (SELECT l.version FROM item_labels l WHERE l.kind = ${kind} AND l.name = ${name} AND l.label IN (SELECT value FROM json_each(${JSON.stringify(touched.labels)})))`,
    );
  if (touched.latest) conditions.push(sql`v.version = ${live}`);
  const which = conditions.length ? sql.join(conditions, sql` OR `) : sql`0 = 1`;
  return [
    db.selectFrom('versioned_items').selectAll().where('kind', '=', kind).where('name', '=', name),
    db.selectFrom('item_labels').select(['label', 'version']).where('kind', '=', kind).where('name', '=', name),
    db.selectNoFrom(live.as('v')),
    sql`SELECT * FROM item_versions v WHERE v.kind = ${kind} AND v.name = ${name} AND (${which})`.compile(db),
  ];
}
