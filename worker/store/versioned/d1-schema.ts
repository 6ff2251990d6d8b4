// Kysely's view of the tables in migrations/0003_versions.sql, plus the one helper that turns a
// compiled query into a D1 statement so several can run as one atomic D1 batch.
import { Kysely, type ColumnType, type Compilable, type CompiledQuery, type Generated, type Selectable } from 'kysely';
import { d1Dialect } from '../d1-dialect';
import type { ItemRow, VersionRow } from './types';

export interface VersionedDb {
  versioned_items: {
    kind: string;
    name: string;
    description: string;
    public: Generated<number>;
    draft: ColumnType<string | null, string | null | undefined, string | null>;
    draft_meta: ColumnType<string | null, string | null | undefined, string | null>;
    latest: number;
    rev: number;
    deleted: number;
    created_at: string;
    updated_at: string;
  };
  item_versions: {
    kind: string;
    name: string;
    version: number;
    hash: string | null;
    body: string;
    note: string | null;
    created_at: string;
    retired_at: string | null;
  };
  item_labels: { kind: string; name: string; label: string; version: number; updated_at: string };
  kv_outbox: { id: Generated<number>; kind: string; name: string; keys: string; created_at: string };
}

export type ItemRecord = Selectable<VersionedDb['versioned_items']>;
export type VersionRecord = Selectable<VersionedDb['item_versions']>;

export function versionedDb(d1: D1Database): Kysely<VersionedDb> {
  return new Kysely<VersionedDb>({ dialect: d1Dialect(d1) });
}

/** A compiled Kysely query as a D1 statement, for `d1.batch` (one transaction). */
export function statement(d1: D1Database, query: Compilable | CompiledQuery): D1PreparedStatement {
  const compiled = 'compile' in query ? query.compile() : query;
  return d1.prepare(compiled.sql).bind(...(compiled.parameters as unknown[]));
}

export const toItem = (r: ItemRecord): ItemRow => ({
  name: r.name,
  description: r.description,
  public: r.public === 1,
  latest: r.latest,
  rev: r.rev,
  deleted: r.deleted === 1,
  draft: r.draft,
  draftMeta: r.draft_meta,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toVersion = (r: Omit<VersionRecord, 'kind' | 'name'>): VersionRow => ({
  version: r.version,
  hash: r.hash,
  body: r.body,
  note: r.note,
  createdAt: r.created_at,
  retired: r.retired_at !== null,
});
