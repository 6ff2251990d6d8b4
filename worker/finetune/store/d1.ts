// The fine-tuning store in D1 (migrations 0004_finetunes.sql, 0007_finetune_targets.sql): plain prepared statements; events
// and checkpoints are keyed so recording the same poll twice changes nothing.
import type { Checkpoint, JobEvent, JobStatus } from '../trainer';
import type { FinetuneJob, FinetuneStore, RegistryEntry, StoredEvent } from './types';

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const jobColumns: [keyof FinetuneJob, string][] = [
  ['trainer', 'trainer'],
  ['trainerType', 'trainer_type'],
  ['providerJobId', 'provider_job_id'],
  ['baseModel', 'base_model'],
  ['method', 'method'],
  ['suffix', 'suffix'],
  ['hyperparameters', 'hyperparameters'],
  ['datasetName', 'dataset_name'],
  ['datasetHash', 'dataset_hash'],
  ['trainingFileId', 'training_file_id'],
  ['validationFileId', 'validation_file_id'],
  ['trainExamples', 'train_examples'],
  ['validationExamples', 'validation_examples'],
  ['trainTokens', 'train_tokens'],
  ['estimatedCostUsd', 'estimated_cost_usd'],
  ['estimateSource', 'estimate_source'],
  ['status', 'status'],
  ['rawStatus', 'raw_status'],
  ['fineTunedModel', 'fine_tuned_model'],
  ['trainedTokens', 'trained_tokens'],
  ['trainingCostUsd', 'training_cost_usd'],
  ['workflowId', 'workflow_id'],
  ['updatedAt', 'updated_at'],
  ['finishedAt', 'finished_at'],
];

function toRow(job: Partial<FinetuneJob>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of jobColumns)
    if (key in job) out[column] = key === 'hyperparameters' ? JSON.stringify(job[key]) : (job[key] ?? null);
  if ('target' in job) {
    out.target_flow = job.target?.flow ?? null;
    out.target_node = job.target?.node ?? null;
  }
  if ('evalRunId' in job) out.eval_run_id = job.evalRunId ?? null;
  if ('evalError' in job) out.eval_error = job.evalError ?? null;
  if ('adopted' in job) {
    out.adopted_flow = job.adopted?.flow ?? null;
    out.adopted_node = job.adopted?.node ?? null;
    out.adopted_at = job.adopted?.at ?? null;
  }
  if ('error' in job) {
    out.error_code = job.error?.code ?? null;
    out.error_message = job.error?.message ?? null;
  }
  return out;
}

function fromRow(r: Row): FinetuneJob {
  return {
    id: String(r.id),
    trainer: String(r.trainer),
    trainerType: r.trainer_type as FinetuneJob['trainerType'],
    providerJobId: str(r.provider_job_id),
    baseModel: String(r.base_model),
    method: r.method as FinetuneJob['method'],
    suffix: str(r.suffix),
    hyperparameters: JSON.parse(String(r.hyperparameters)),
    datasetName: str(r.dataset_name),
    datasetHash: String(r.dataset_hash),
    trainingFileId: str(r.training_file_id),
    validationFileId: str(r.validation_file_id),
    trainExamples: Number(r.train_examples),
    validationExamples: Number(r.validation_examples),
    trainTokens: Number(r.train_tokens),
    estimatedCostUsd: num(r.estimated_cost_usd),
    estimateSource: str(r.estimate_source),
    status: r.status as JobStatus,
    rawStatus: str(r.raw_status),
    error: r.error_code ? { code: String(r.error_code), message: String(r.error_message ?? '') } : null,
    fineTunedModel: str(r.fine_tuned_model),
    trainedTokens: num(r.trained_tokens),
    trainingCostUsd: num(r.training_cost_usd),
    workflowId: str(r.workflow_id),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    finishedAt: str(r.finished_at),
    target: r.target_flow && r.target_node ? { flow: String(r.target_flow), node: String(r.target_node) } : null,
    evalRunId: str(r.eval_run_id),
    evalError: str(r.eval_error),
    adopted:
      r.adopted_flow && r.adopted_node && r.adopted_at
        ? { flow: String(r.adopted_flow), node: String(r.adopted_node), at: String(r.adopted_at) }
        : null,
  };
}

const entryFromRow = (r: Row): RegistryEntry => ({
  model: String(r.model),
  provider: String(r.provider),
  trainer: str(r.trainer),
  baseModel: String(r.base_model),
  datasetName: str(r.dataset_name),
  datasetHash: str(r.dataset_hash),
  jobId: str(r.job_id),
  trainingCostUsd: num(r.training_cost_usd),
  trainingCostSource: str(r.training_cost_source) as RegistryEntry['trainingCostSource'],
  prices: { inputPerMTok: num(r.input_per_mtok), cachedInputPerMTok: num(r.cached_input_per_mtok), outputPerMTok: num(r.output_per_mtok) },
  hostingPerHour: num(r.hosting_per_hour),
  retiresAt: str(r.retires_at),
  createdAt: String(r.created_at),
  updatedAt: String(r.updated_at),
});

export function d1FinetuneStore(db: D1Database): FinetuneStore {
  const store: FinetuneStore = {
    async createJob(job) {
      const row = { id: job.id, created_at: job.createdAt, ...toRow(job) };
      const cols = Object.keys(row);
      await db
        .prepare(`INSERT INTO finetune_jobs (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
        .bind(...Object.values(row))
        .run();
    },
    async getJob(id) {
      const row = await db.prepare('SELECT * FROM finetune_jobs WHERE id = ?').bind(id).first<Row>();
      return row ? fromRow(row) : undefined;
    },
    async listJobs(opts = {}) {
      const limit = Math.min(Math.max(opts.limit ?? 100, 1), 500);
      const stmt = opts.status
        ? db.prepare('SELECT * FROM finetune_jobs WHERE status = ? ORDER BY created_at DESC LIMIT ?').bind(opts.status, limit)
        : db.prepare('SELECT * FROM finetune_jobs ORDER BY created_at DESC LIMIT ?').bind(limit);
      return (await stmt.all<Row>()).results.map(fromRow);
    },
    async updateJob(id, patch) {
      const row = toRow(patch);
      const cols = Object.keys(row);
      if (cols.length === 0) return;
      await db
        .prepare(`UPDATE finetune_jobs SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`)
        .bind(...Object.values(row), id)
        .run();
    },
    async recordSnapshot(id, snap, now) {
      const before = await db.prepare('SELECT status, raw_status, finished_at FROM finetune_jobs WHERE id = ?').bind(id).first<Row>();
      if (!before) throw new Error(`no fine-tuning job ${id}`);
      const ended = ['succeeded', 'failed', 'cancelled'].includes(snap.status);
      await db
        .prepare(
          `UPDATE finetune_jobs SET status = ?, raw_status = ?, error_code = ?, error_message = ?,
             fine_tuned_model = COALESCE(?, fine_tuned_model), trained_tokens = COALESCE(?, trained_tokens),
             updated_at = ?, finished_at = ? WHERE id = ?`,
        )
        .bind(
          snap.status,
          snap.rawStatus,
          snap.error?.code ?? null,
          snap.error?.message ?? null,
          snap.fineTunedModel,
          snap.trainedTokens,
          now,
          snap.finishedAt ?? (ended ? (str(before.finished_at) ?? now) : null),
          id,
        )
        .run();
      const previous = { status: before.status as JobStatus, rawStatus: str(before.raw_status) };
      return { changed: previous.status !== snap.status || previous.rawStatus !== snap.rawStatus, previous };
    },
    async addEvents(id, events: JobEvent[]) {
      if (events.length === 0) return 0;
      // seq is taken inside each insert, so an ignored duplicate leaves no gap.
      const results = await db.batch(
        events.map((e) =>
          db
            .prepare(
              `INSERT OR IGNORE INTO finetune_events (job_id, event_id, seq, at, level, kind, message)
               SELECT ?, ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ? FROM finetune_events WHERE job_id = ?`,
            )
            .bind(id, e.id, e.at, e.level, e.type ?? null, e.message, id),
        ),
      );
      return results.reduce((n, r) => n + (r.meta.changes ?? 0), 0);
    },
    async putCheckpoints(id, list: Checkpoint[]) {
      if (list.length === 0) return 0;
      const known = new Set(
        (await db.prepare('SELECT step FROM finetune_checkpoints WHERE job_id = ?').bind(id).all<{ step: number }>()).results.map(
          (r) => r.step,
        ),
      );
      await db.batch(
        list.map((c) =>
          db
            .prepare(
              `INSERT INTO finetune_checkpoints (job_id, step, at, train_loss, valid_loss, model) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (job_id, step) DO UPDATE SET at = excluded.at, train_loss = excluded.train_loss, valid_loss = excluded.valid_loss, model = excluded.model`,
            )
            .bind(id, c.step, c.at, c.trainLoss, c.validLoss, c.model),
        ),
      );
      return list.filter((c) => !known.has(c.step)).length;
    },
    async events(id) {
      const { results } = await db.prepare('SELECT * FROM finetune_events WHERE job_id = ? ORDER BY seq').bind(id).all<Row>();
      return results.map((r): StoredEvent => ({
        id: String(r.event_id),
        seq: Number(r.seq),
        at: String(r.at),
        level: r.level as StoredEvent['level'],
        message: String(r.message),
        ...(r.kind ? { type: String(r.kind) } : {}),
      }));
    },
    async checkpoints(id) {
      const { results } = await db.prepare('SELECT * FROM finetune_checkpoints WHERE job_id = ? ORDER BY step').bind(id).all<Row>();
      return results.map((r) => ({
        step: Number(r.step),
        at: str(r.at),
        trainLoss: num(r.train_loss),
        validLoss: num(r.valid_loss),
        model: str(r.model),
      }));
    },
    async register(e) {
      await db
        .prepare(
          `INSERT INTO model_registry (model, provider, trainer, base_model, dataset_name, dataset_hash, job_id, training_cost_usd, training_cost_source,
             input_per_mtok, cached_input_per_mtok, output_per_mtok, hosting_per_hour, retires_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (model) DO UPDATE SET job_id = excluded.job_id, training_cost_usd = excluded.training_cost_usd,
             training_cost_source = excluded.training_cost_source, updated_at = excluded.updated_at`,
        )
        .bind(
          e.model,
          e.provider,
          e.trainer,
          e.baseModel,
          e.datasetName,
          e.datasetHash,
          e.jobId,
          e.trainingCostUsd,
          e.trainingCostSource,
          e.prices.inputPerMTok,
          e.prices.cachedInputPerMTok,
          e.prices.outputPerMTok,
          e.hostingPerHour,
          e.retiresAt,
          e.createdAt,
          e.updatedAt,
        )
        .run();
    },
    async registry() {
      const { results } = await db.prepare('SELECT * FROM model_registry ORDER BY created_at DESC').all<Row>();
      return results.map(entryFromRow);
    },
    async model(model) {
      const row = await db.prepare('SELECT * FROM model_registry WHERE model = ?').bind(model).first<Row>();
      return row ? entryFromRow(row) : undefined;
    },
    async updateModel(model, patch, now) {
      const current = await store.model(model);
      if (!current) return undefined;
      const next = { ...current, ...patch, prices: { ...current.prices, ...patch.prices }, updatedAt: now };
      await db
        .prepare(
          'UPDATE model_registry SET provider = ?, input_per_mtok = ?, cached_input_per_mtok = ?, output_per_mtok = ?, hosting_per_hour = ?, retires_at = ?, updated_at = ? WHERE model = ?',
        )
        .bind(
          next.provider,
          next.prices.inputPerMTok,
          next.prices.cachedInputPerMTok,
          next.prices.outputPerMTok,
          next.hostingPerHour,
          next.retiresAt,
          now,
          model,
        )
        .run();
      return next;
    },
  };
  return store;
}
