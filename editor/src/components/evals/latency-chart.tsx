// Latency distributions: every run's latency per variant in shared bins, so the shapes (not just
// the p50) can be compared; a tail shows as bars far to the right.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ms } from '../runs/format';
import { variantColor } from './colors';

const BINS = 12;

export function latencyBins(latencies: Record<string, number[]>): { label: string; [variant: string]: number | string }[] {
  const all = Object.values(latencies).flat();
  if (!all.length) return [];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const width = Math.max(1, Math.ceil((hi - lo + 1) / BINS));
  const count = Math.min(BINS, Math.ceil((hi - lo + 1) / width));
  const bins = Array.from({ length: count }, (_, i) => ({ label: `${ms(lo + i * width)}–${ms(lo + (i + 1) * width)}` }) as { label: string; [v: string]: number | string });
  for (const [variant, values] of Object.entries(latencies)) {
    for (const b of bins) b[variant] = 0;
    for (const v of values) {
      const b = bins[Math.min(count - 1, Math.floor((v - lo) / width))];
      b[variant] = (b[variant] as number) + 1;
    }
  }
  return bins;
}

export function LatencyChart({ latencies }: { latencies: Record<string, number[]> }) {
  const names = Object.keys(latencies);
  const data = latencyBins(latencies);
  return (
    <figure className="chart" data-testid="chart-latency">
      <figcaption>Latency distribution (runs per bin)</figcaption>
      {data.length === 0 ? (
        <div className="chart-empty">No runs yet.</div>
      ) : (
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} margin={{ top: 10, right: 20, bottom: 24, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" interval="preserveStartEnd" tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} width={40} />
            <Tooltip />
            <Legend verticalAlign="top" height={24} />
            {names.map((n) => (
              <Bar key={n} dataKey={n} fill={variantColor(names, n)} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
