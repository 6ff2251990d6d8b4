// How experiment results read: rates with their interval, differences against the control with
// the p-value or the minimum-sample note, money and latency.
import type { Comparison, Rate } from './experiments-api';

export const rate = (r: Rate): string => (r.rate === null ? '—' : `${Math.round(r.rate * 1000) / 10}%`);

export const interval = (r: Rate): string =>
  r.interval ? `${Math.round(r.interval.low * 1000) / 10}–${Math.round(r.interval.high * 1000) / 10}%` : '';

export function versus(c: Comparison | undefined, lowerIsBetter: boolean): { text: string; tone: 'good' | 'bad' | 'none'; title?: string } {
  if (!c) return { text: 'control', tone: 'none' };
  if (c.difference === null) return { text: 'too few runs', tone: 'none', title: c.note };
  const points = Math.round(c.difference * 1000) / 10;
  const sign = points > 0 ? '+' : '';
  const better = lowerIsBetter ? c.difference < 0 : c.difference > 0;
  const p = c.pValue === null ? '' : `, p = ${c.pValue < 0.001 ? '<0.001' : c.pValue.toFixed(3)}`;
  return {
    text: `${sign}${points} pts${p}${c.significant ? ' ✓' : ''}`,
    tone: c.significant ? (better ? 'good' : 'bad') : 'none',
    title: c.significant ? 'significant at 5%' : 'not significant',
  };
}

export const latency = (v: number | null): string => (v === null ? '—' : v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(2)} s`);

export const usd = (v: number | null): string =>
  v === null ? 'unknown' : v === 0 ? '$0' : v < 0.01 ? `$${v.toPrecision(2)}` : `$${v.toFixed(4)}`;
