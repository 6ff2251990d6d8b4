-- Weir's D1 schema starts here. Each later migration adds one concern (runs, versions, datasets,
-- evals, fine-tunes, experiments) in its own numbered file.
CREATE TABLE IF NOT EXISTS weir_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT OR IGNORE INTO weir_meta (key, value) VALUES ('schema', 'weir');
