// The run log's settings from the bindings: RUN_LOG (all | errors | a sample rate | off),
// RUN_LOG_REDACT (input fields dropped or masked before anything is stored) and
// RUN_LOG_RETENTION_DAYS (the cron cleanup deletes older runs).
import type { Bindings } from '../../http/env';

export type LogMode = { kind: 'all' } | { kind: 'errors' } | { kind: 'off' } | { kind: 'sample'; rate: number };

export interface Redaction {
  field: string;
  how: 'drop' | 'mask';
}

export interface LogSettings {
  mode: LogMode;
  redact: Redaction[];
  retentionDays: number;
}

export const DEFAULT_RETENTION_DAYS = 30;

export function parseLogMode(value: unknown): LogMode {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (text === '' || text === 'all' || text === 'on') return { kind: 'all' };
  if (text === 'errors' || text === 'off') return { kind: text };
  const rate = Number(text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : text);
  if (Number.isFinite(rate) && rate >= 0 && rate <= 1) return rate === 0 ? { kind: 'off' } : { kind: 'sample', rate };
  console.error(`weir: RUN_LOG="${text}" is not all, errors, off or a rate between 0 and 1; logging all runs`);
  return { kind: 'all' };
}

/** `email:mask, ssn` (a bare name is dropped). */
export function parseRedaction(value: unknown): Redaction[] {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [field, how] = part.split(':').map((s) => s.trim());
      return { field, how: how === 'mask' ? ('mask' as const) : ('drop' as const) };
    });
}

export function logSettings(env: Bindings): LogSettings {
  const days = Number(env.RUN_LOG_RETENTION_DAYS);
  return {
    mode: parseLogMode(env.RUN_LOG),
    redact: parseRedaction(env.RUN_LOG_REDACT),
    retentionDays: Number.isFinite(days) && days > 0 ? days : DEFAULT_RETENTION_DAYS,
  };
}

/** Whether a run with this status is recorded (sampling draws once per run). */
export function shouldRecord(mode: LogMode, failed: boolean, random: () => number = Math.random): boolean {
  switch (mode.kind) {
    case 'all':
      return true;
    case 'off':
      return false;
    case 'errors':
      return failed;
    case 'sample':
      return failed || random() < mode.rate;
  }
}
