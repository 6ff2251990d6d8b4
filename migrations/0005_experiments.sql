-- Live experiments (issue 10 §2): one row per experiment, its whole config as JSON with a
-- version number for compare-and-set updates; the running one per flow is projected to KV
-- (`experiment:<flow>`). Every run records the experiment and arm that chose its version.
CREATE TABLE IF NOT EXISTS experiments (
  id TEXT PRIMARY KEY,
  flow_id TEXT NOT NULL,
  status TEXT NOT NULL,                   -- draft | running | stopped | promoted
  version INTEGER NOT NULL,               -- bumped by every update; updates name the one they read
  config TEXT NOT NULL,                   -- JSON (worker/experiments/schema.ts)
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS experiments_by_flow ON experiments (flow_id, status);
-- At most one running experiment per flow, even when two starts race.
CREATE UNIQUE INDEX IF NOT EXISTS experiments_one_running ON experiments (flow_id) WHERE status = 'running';

ALTER TABLE runs ADD COLUMN experiment_id TEXT;
ALTER TABLE runs ADD COLUMN experiment_arm TEXT;
CREATE INDEX IF NOT EXISTS runs_by_experiment ON runs (experiment_id, experiment_arm);
