-- Fine-tuning: jobs started through Weir (one row each, updated by the follow-job Workflow), their
-- events and checkpoints (with loss), and the model registry of every fine-tuned model (trained
-- through Weir, or registered by hand: then trainer, dataset and job may be unknown).
CREATE TABLE IF NOT EXISTS finetune_jobs (
  id TEXT PRIMARY KEY,
  trainer TEXT NOT NULL,
  trainer_type TEXT NOT NULL,
  provider_job_id TEXT,
  base_model TEXT NOT NULL,
  method TEXT NOT NULL,
  suffix TEXT,
  hyperparameters TEXT NOT NULL,
  dataset_name TEXT,
  dataset_hash TEXT NOT NULL,
  training_file_id TEXT,
  validation_file_id TEXT,
  train_examples INTEGER NOT NULL,
  validation_examples INTEGER NOT NULL DEFAULT 0,
  train_tokens INTEGER NOT NULL,
  estimated_cost_usd REAL,
  estimate_source TEXT,
  status TEXT NOT NULL,
  raw_status TEXT,
  error_code TEXT,
  error_message TEXT,
  fine_tuned_model TEXT,
  trained_tokens INTEGER,
  training_cost_usd REAL,
  workflow_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX IF NOT EXISTS finetune_jobs_created ON finetune_jobs (created_at DESC);
CREATE UNIQUE INDEX IF NOT EXISTS finetune_jobs_provider ON finetune_jobs (trainer, provider_job_id);

CREATE TABLE IF NOT EXISTS finetune_events (
  job_id TEXT NOT NULL REFERENCES finetune_jobs (id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  level TEXT NOT NULL,
  kind TEXT,
  message TEXT NOT NULL,
  PRIMARY KEY (job_id, event_id)
);
CREATE INDEX IF NOT EXISTS finetune_events_seq ON finetune_events (job_id, seq);

CREATE TABLE IF NOT EXISTS finetune_checkpoints (
  job_id TEXT NOT NULL REFERENCES finetune_jobs (id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  at TEXT,
  train_loss REAL,
  valid_loss REAL,
  model TEXT,
  PRIMARY KEY (job_id, step)
);

CREATE TABLE IF NOT EXISTS model_registry (
  model TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  trainer TEXT,
  base_model TEXT NOT NULL,
  dataset_name TEXT,
  dataset_hash TEXT,
  job_id TEXT,
  training_cost_usd REAL,
  training_cost_source TEXT,
  input_per_mtok REAL,
  cached_input_per_mtok REAL,
  output_per_mtok REAL,
  hosting_per_hour REAL,
  retires_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
