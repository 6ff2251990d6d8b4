// How the run views write costs, latencies, times and previews. An unknown cost is "unknown",
// never $0.
export const usd = (v: number | null | undefined): string =>
  v === null || v === undefined ? 'unknown' : v === 0 ? '$0' : v < 0.01 ? `$${v.toPrecision(2)}` : `$${v.toFixed(4)}`;

export const ms = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(2)} s`;

export const percent = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;

export function clock(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return sameDay ? d.toLocaleTimeString() : d.toLocaleString();
}

export const preview = (v: unknown, max = 80): string => {
  const text = typeof v === 'string' ? v : JSON.stringify(v ?? '');
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
