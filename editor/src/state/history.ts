// Undo and redo over immutable flow snapshots. Typing into one field coalesces into one step;
// a drag updates `present` transiently and becomes one step when it ends.
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** Coalescing key of the last step and when it was made. */
  lastKey?: string;
  lastAt?: number;
  /** Snapshot taken when a transient change (a drag) began. */
  transientBase?: T;
}

const LIMIT = 200;
const COALESCE_MS = 1200;

export const createHistory = <T>(present: T): History<T> => ({ past: [], present, future: [] });

export function commit<T>(h: History<T>, next: T, key?: string, now = Date.now()): History<T> {
  if (next === h.present) return h;
  const base = h.transientBase ?? h.present;
  const coalesce =
    key !== undefined && key === h.lastKey && h.lastAt !== undefined && now - h.lastAt < COALESCE_MS && h.transientBase === undefined;
  const past = coalesce ? h.past : [...h.past, base].slice(-LIMIT);
  return { past, present: next, future: [], lastKey: key, lastAt: now };
}

/** Changes `present` without a step (during a drag); endTransient() records the step. */
export function transient<T>(h: History<T>, next: T): History<T> {
  return { ...h, present: next, transientBase: h.transientBase ?? h.present };
}

export function endTransient<T>(h: History<T>): History<T> {
  if (h.transientBase === undefined) return h;
  if (h.transientBase === h.present) return { ...h, transientBase: undefined };
  return { past: [...h.past, h.transientBase].slice(-LIMIT), present: h.present, future: [], lastKey: undefined };
}

export function undo<T>(h: History<T>): History<T> {
  const settled = endTransient(h);
  if (!settled.past.length) return settled;
  return { past: settled.past.slice(0, -1), present: settled.past[settled.past.length - 1], future: [settled.present, ...settled.future] };
}

export function redo<T>(h: History<T>): History<T> {
  if (!h.future.length) return h;
  return { past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1) };
}

export const canUndo = (h: History<unknown>): boolean =>
  h.past.length > 0 || (h.transientBase !== undefined && h.transientBase !== h.present);
export const canRedo = (h: History<unknown>): boolean => h.future.length > 0;
