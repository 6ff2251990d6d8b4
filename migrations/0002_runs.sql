-- The run log: one row per recorded run, one per node that ran, and scores (end-user feedback,
-- later evaluations) attached to runs. Inputs, outputs and the full trace (rendered messages,
-- node outputs) are kept as JSON in `payload`, or in R2 under `payload_key` when large.
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,            -- ms since the epoch, when the run started
  day TEXT NOT NULL,                      -- YYYY-MM-DD (UTC) of created_at, for per-day stats
  source TEXT NOT NULL,                   -- edge | chat | editor | eval | experiment
  key_id TEXT,                            -- the caller's key id (never the key); NULL when anonymous
  flow_id TEXT NOT NULL,
  flow_version TEXT NOT NULL,             -- a version number, or 'draft'
  flow_hash TEXT NOT NULL,
  flow_ref TEXT,                          -- the label or pin the caller asked for; NULL for the default
  flow_label TEXT,                        -- the label the version was resolved through
  prompts TEXT NOT NULL,                  -- JSON [{ref, name, version}]
  status TEXT NOT NULL,                   -- ok | failed
  error_code TEXT,
  error_node TEXT,
  error_message TEXT,
  duration_ms INTEGER NOT NULL,
  first_token_ms INTEGER,
  calls INTEGER NOT NULL DEFAULT 0,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  cached_input_tokens INTEGER,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  reasoning_tokens INTEGER,
  cost_usd REAL,                          -- NULL: a price was unknown (never 0 for unknown)
  input_text TEXT NOT NULL,               -- the (redacted) input as JSON, cut to 2,000 characters: previews, search
  output_text TEXT,                       -- the answer as text, cut to 2,000 characters
  payload TEXT,                           -- JSON {input, output, trace} when small
  payload_key TEXT,                       -- else its R2 key (WEIR_BLOBS)
  redacted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS runs_by_time ON runs (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS runs_by_flow ON runs (flow_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS runs_by_flow_day ON runs (flow_id, day);

CREATE TABLE IF NOT EXISTS run_nodes (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  node_id TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL,                   -- ok | failed | fell_back (skipped nodes have no row)
  handle TEXT,                            -- the handle taken (condition cases, fallback)
  provider TEXT,
  model TEXT,
  base_model TEXT,
  prompt TEXT,                            -- name@version resolved
  input_tokens INTEGER,
  cached_input_tokens INTEGER,
  output_tokens INTEGER,
  reasoning_tokens INTEGER,
  cost_usd REAL,
  attempts INTEGER,
  start_ms INTEGER,
  duration_ms INTEGER,
  error_code TEXT,
  error_message TEXT,
  PRIMARY KEY (run_id, node_id)
);
CREATE INDEX IF NOT EXISTS run_nodes_by_node ON run_nodes (flow_id, node_id, status);

CREATE TABLE IF NOT EXISTS run_scores (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  name TEXT NOT NULL,                     -- thumbs | score | comment | correction (evaluations add their own)
  value REAL,                             -- thumbs: 1 up, 0 down; score: the number
  text TEXT,                              -- comment, or the corrected answer as JSON
  source TEXT NOT NULL,                   -- feedback (an app via its invoke key) | admin | eval
  key_id TEXT
);
CREATE INDEX IF NOT EXISTS run_scores_by_run ON run_scores (run_id, created_at);
