-- Versions, labels and deletions of prompts and flows (and later datasets): the strongly
-- consistent source of truth. Workers KV keeps a one-read projection of it for the run path
-- (worker/store/projection/). Every change bumps the item's `rev`, the clock the projection uses
-- to know it has caught up.

-- One row per versioned thing. A deleted item stays as a tombstone so `latest` (the highest
-- number ever given) and `rev` keep increasing: numbers are never reused, so an edge cache can
-- never serve an old version under a new flow's number.
CREATE TABLE IF NOT EXISTS versioned_items (
  kind TEXT NOT NULL CHECK (kind IN ('prompt', 'flow', 'dataset')),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  -- Flows: the current public setting (the saved flow's "public"); it governs every version.
  public INTEGER NOT NULL DEFAULT 0,
  -- The editable working copy (flows: canonical text) and its listing metadata (JSON); NULL: none.
  draft TEXT,
  draft_meta TEXT,
  latest INTEGER NOT NULL DEFAULT 0,
  rev INTEGER NOT NULL DEFAULT 1,
  deleted INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, name)
);

-- Immutable numbered versions; the primary key makes each number unique per item, and numbers
-- are assigned inside the inserting statement (latest + 1), so they are dense.
CREATE TABLE IF NOT EXISTS item_versions (
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  hash TEXT,
  body TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  -- A retired version no longer runs by pin and cannot carry a label.
  retired_at TEXT,
  PRIMARY KEY (kind, name, version),
  FOREIGN KEY (kind, name) REFERENCES versioned_items (kind, name)
);

-- Movable labels; one row per label, so concurrent moves of different labels never collide.
CREATE TABLE IF NOT EXISTS item_labels (
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  label TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, name, label),
  FOREIGN KEY (kind, name, version) REFERENCES item_versions (kind, name, version)
);

-- Writes whose KV projection has not been confirmed yet (the request that made them crashed or
-- KV failed). Inserted in the same transaction as the write, removed once KV has caught up; the
-- next write to the item, and the scheduled sweep, project what is left.
CREATE TABLE IF NOT EXISTS kv_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  -- The projection keys the write may have changed (JSON, see worker/store/projection/keys.ts).
  keys TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS item_labels_by_version ON item_labels (kind, name, version);
CREATE INDEX IF NOT EXISTS kv_outbox_by_item ON kv_outbox (kind, name);
