-- Evals in the worker: eval definitions (the eval file as JSON, seeded from evals/ or edited
-- through the API), eval runs (a Workflow each: status, progress, the dataset name, hash and split
-- it ran on, the report when done, or its R2 key when large), one cell per item x variant x repeat
-- (the run-log id, pass, score, latency, cost, reasons, the nodes the run went through for the
-- canvas overlay, and the record the report is built from), and per chunk the pairwise verdicts.
CREATE TABLE IF NOT EXISTS evals (
  name TEXT PRIMARY KEY,
  flow_id TEXT NOT NULL,
  dataset TEXT NOT NULL,
  variants TEXT NOT NULL,                 -- JSON [variant names], for listings
  definition TEXT NOT NULL,               -- the eval file (worker/evals/schema.ts) as JSON
  created_at INTEGER NOT NULL,            -- ms since the epoch
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS evals_by_flow ON evals (flow_id, name);

CREATE TABLE IF NOT EXISTS eval_runs (
  id TEXT PRIMARY KEY,
  eval_name TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  definition TEXT NOT NULL,               -- the eval file as it ran
  variants TEXT NOT NULL,                 -- JSON [{name, ref, description?, flow, systemOverrides, info}]: the flows as they ran
  item_ids TEXT NOT NULL,                 -- JSON [item ids] in order (split, tags and limit applied)
  dataset_name TEXT NOT NULL,
  dataset_hash TEXT NOT NULL,             -- the content hash of what ran (the items are read back by it)
  dataset_split TEXT,
  repeats INTEGER NOT NULL,
  concurrency INTEGER NOT NULL,
  status TEXT NOT NULL,                   -- queued | running | done | failed | cancelled
  done INTEGER NOT NULL DEFAULT 0,        -- cells recorded
  total INTEGER NOT NULL,                 -- items x variants x repeats
  source TEXT NOT NULL,                   -- api | finetune | replacement
  label TEXT,
  error TEXT,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  report TEXT,                            -- the EvalReport as JSON when small
  report_key TEXT                         -- else its R2 key (WEIR_BLOBS)
);
CREATE INDEX IF NOT EXISTS eval_runs_by_time ON eval_runs (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS eval_runs_by_eval ON eval_runs (eval_name, created_at DESC);
CREATE INDEX IF NOT EXISTS eval_runs_by_flow ON eval_runs (flow_id, created_at DESC);

-- The rowid orders cells as they were recorded: the SSE stream's cursor.
CREATE TABLE IF NOT EXISTS eval_cells (
  eval_run_id TEXT NOT NULL REFERENCES eval_runs (id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  variant TEXT NOT NULL,
  repeat INTEGER NOT NULL,
  run_id TEXT,                            -- the run in the run log; NULL when RUN_LOG skipped it
  status TEXT NOT NULL,                   -- ok | failed (a failed run is a failing cell)
  pass INTEGER NOT NULL,
  score REAL NOT NULL,
  latency_ms INTEGER NOT NULL,
  cost_usd REAL,                          -- NULL: a price was unknown
  reasons TEXT NOT NULL,                  -- JSON [why it failed]
  nodes TEXT NOT NULL,                    -- JSON [{id, status, handle?, ms?, cost?}]: the nodes the run went through
  record TEXT NOT NULL,                   -- JSON: the run record (no trace, no output) the report is built from
  created_at INTEGER NOT NULL,
  PRIMARY KEY (eval_run_id, item_id, variant, repeat)
);
CREATE INDEX IF NOT EXISTS eval_cells_by_run ON eval_cells (eval_run_id);

CREATE TABLE IF NOT EXISTS eval_run_chunks (
  eval_run_id TEXT NOT NULL REFERENCES eval_runs (id) ON DELETE CASCADE,
  chunk INTEGER NOT NULL,
  pairwise TEXT NOT NULL,                 -- JSON PairwiseRecord[] of the chunk's items
  judge_cost_usd REAL,                    -- NULL: a judge price was unknown
  PRIMARY KEY (eval_run_id, chunk)
);
