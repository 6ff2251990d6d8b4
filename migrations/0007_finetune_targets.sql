-- Fine-tuning jobs for a flow (issue 10): the flow and fine-tuned node a job is trained for, the
-- three-way eval run started when it succeeds (or why it could not start), and where its model
-- was adopted as a new draft (the flow, node, and when; adopting never publishes).
ALTER TABLE finetune_jobs ADD COLUMN target_flow TEXT;
ALTER TABLE finetune_jobs ADD COLUMN target_node TEXT;
ALTER TABLE finetune_jobs ADD COLUMN eval_run_id TEXT;
ALTER TABLE finetune_jobs ADD COLUMN eval_error TEXT;
ALTER TABLE finetune_jobs ADD COLUMN adopted_flow TEXT;
ALTER TABLE finetune_jobs ADD COLUMN adopted_node TEXT;
ALTER TABLE finetune_jobs ADD COLUMN adopted_at TEXT;
CREATE INDEX IF NOT EXISTS finetune_jobs_target ON finetune_jobs (target_flow, target_node);
