// How the fine-tuning screens write a job's status, money and times.
import type { Job } from './finetunes-api';

export const TERMINAL_STATUSES = new Set(['succeeded', 'failed', 'cancelled']);
export const jobEnded = (job: Pick<Job, 'status'> | undefined) => !!job && TERMINAL_STATUSES.has(job.status);

/** The path a job goes through, for the progress steps. */
export const JOB_STEPS = ['validating', 'queued', 'running', 'succeeded'] as const;

export const statusTone = (status: string): 'ok' | 'bad' | 'run' | 'muted' =>
  status === 'succeeded' ? 'ok' : status === 'failed' ? 'bad' : status === 'cancelled' ? 'muted' : 'run';

export const money = (v: number | null | undefined): string =>
  v === null || v === undefined ? 'unknown' : v === 0 ? '$0' : v < 0.01 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`;

export const tokens = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : n.toLocaleString('en-US'));

export const when = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString() : '—');

export const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`);
