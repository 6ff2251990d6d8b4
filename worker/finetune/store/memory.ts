// The in-memory twin of the D1 fine-tuning store, for tests and for code that runs without D1.
import type { Checkpoint, JobEvent } from '../trainer';
import type { FinetuneJob, FinetuneStore, RegistryEntry, StoredEvent } from './types';

export function memoryFinetuneStore(): FinetuneStore {
  const jobs = new Map<string, FinetuneJob>();
  const events = new Map<string, StoredEvent[]>();
  const checkpoints = new Map<string, Map<number, Checkpoint>>();
  const models = new Map<string, RegistryEntry>();
  const copy = <T>(v: T): T => structuredClone(v);
  return {
    async createJob(job) {
      jobs.set(job.id, copy(job));
    },
    getJob: async (id) => (jobs.has(id) ? copy(jobs.get(id)!) : undefined),
    async listJobs(opts = {}) {
      return [...jobs.values()]
        .filter((j) => !opts.status || j.status === opts.status)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, opts.limit ?? 100)
        .map(copy);
    },
    async updateJob(id, patch) {
      const job = jobs.get(id);
      if (job) jobs.set(id, { ...job, ...copy(patch) });
    },
    async recordSnapshot(id, snap, now) {
      const job = jobs.get(id)!;
      const previous = { status: job.status, rawStatus: job.rawStatus };
      Object.assign(job, {
        status: snap.status,
        rawStatus: snap.rawStatus,
        error: snap.error,
        fineTunedModel: snap.fineTunedModel ?? job.fineTunedModel,
        trainedTokens: snap.trainedTokens ?? job.trainedTokens,
        updatedAt: now,
        finishedAt: snap.finishedAt ?? (['succeeded', 'failed', 'cancelled'].includes(snap.status) ? (job.finishedAt ?? now) : null),
      });
      return { changed: previous.status !== snap.status || previous.rawStatus !== snap.rawStatus, previous };
    },
    async addEvents(id, list: JobEvent[]) {
      const stored = events.get(id) ?? [];
      let added = 0;
      for (const e of list) {
        if (stored.some((s) => s.id === e.id)) continue;
        stored.push({ ...e, seq: stored.length + 1 });
        added += 1;
      }
      events.set(id, stored);
      return added;
    },
    async putCheckpoints(id, list) {
      const byStep = checkpoints.get(id) ?? new Map<number, Checkpoint>();
      let added = 0;
      for (const c of list) {
        if (!byStep.has(c.step)) added += 1;
        byStep.set(c.step, { ...c });
      }
      checkpoints.set(id, byStep);
      return added;
    },
    events: async (id) => copy(events.get(id) ?? []),
    checkpoints: async (id) => [...(checkpoints.get(id)?.values() ?? [])].sort((a, b) => a.step - b.step).map(copy),
    async register(entry) {
      models.set(entry.model, copy(entry));
    },
    registry: async () => [...models.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map(copy),
    model: async (m) => (models.has(m) ? copy(models.get(m)!) : undefined),
    async updateModel(m, patch, now) {
      const entry = models.get(m);
      if (!entry) return undefined;
      const { prices, ...rest } = patch;
      Object.assign(entry, rest, { prices: { ...entry.prices, ...prices }, updatedAt: now });
      return copy(entry);
    },
  };
}
