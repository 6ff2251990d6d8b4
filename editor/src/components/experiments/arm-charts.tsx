// Live per-arm charts: runs per arm over the time the panel has been open, error, fallback and
// thumbs-up rates side by side, and latency p50/p95, all redrawn at every read.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { tooltipStyle, useChartColors } from '../finetunes/chart-colors';
import type { ArmResult } from './experiments-api';
import type { TrafficPoint } from './use-live-results';

const pct = (r: { rate: number | null }) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10);

export function ArmCharts({ arms, history }: { arms: ArmResult[]; history: TrafficPoint[] }) {
  const c = useChartColors();
  const tip = tooltipStyle(c);
  const axis = { stroke: c.muted, tick: { fill: c.muted, fontSize: 11 } };
  const rates = arms.map((a) => ({
    arm: a.arm,
    errors: pct(a.errorRate),
    fallbacks: pct(a.fallbackRate),
    thumbsUp: pct(a.feedback.thumbsUp),
  }));
  const latency = arms.map((a) => ({ arm: a.arm, p50: a.latencyMs.p50, p95: a.latencyMs.p95 }));
  const time = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <div className="arm-charts" data-testid="arm-charts">
      <figure className="card chart-card">
        <figcaption>Runs per arm (since this panel opened)</figcaption>
        <div className="chart" data-testid="traffic-chart" data-points={history.length}>
          <ResponsiveContainer width="100%" height={200}>
            <LineChart data={history} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={c.grid} strokeDasharray="3 3" />
              <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={time} {...axis} />
              <YAxis allowDecimals={false} width={40} {...axis} />
              <Tooltip {...tip} labelFormatter={(t) => time(Number(t))} />
              <Legend wrapperStyle={{ fontSize: 12, color: c.text }} />
              {arms.map((a, i) => (
                <Line
                  key={a.arm}
                  type="stepAfter"
                  dataKey={a.arm}
                  stroke={c.series[i % c.series.length]}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="card chart-card">
        <figcaption>Rates per arm (%)</figcaption>
        <div className="chart" data-testid="rates-chart">
          <ResponsiveContainer width="100%" height={200}>
            <BarChart data={rates} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={c.grid} strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="arm" {...axis} />
              <YAxis domain={[0, 100]} width={40} {...axis} />
              <Tooltip {...tip} formatter={(v) => (v === null ? 'no data' : `${String(v)}%`)} cursor={{ fill: c.grid, opacity: 0.4 }} />
              <Legend wrapperStyle={{ fontSize: 12, color: c.text }} />
              <Bar dataKey="errors" name="errors" fill={c.series[3]} isAnimationActive={false} />
              <Bar dataKey="fallbacks" name="fallbacks" fill={c.series[4]} isAnimationActive={false} />
              <Bar dataKey="thumbsUp" name="thumbs up" fill={c.series[0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="card chart-card">
        <figcaption>Latency per arm (ms)</figcaption>
        <div className="chart" data-testid="latency-chart">
          <ResponsiveContainer width="100%" height={200}>
            <BarChart data={latency} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={c.grid} strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="arm" {...axis} />
              <YAxis width={48} {...axis} />
              <Tooltip
                {...tip}
                formatter={(v) => (v === null ? 'no data' : `${Math.round(Number(v))} ms`)}
                cursor={{ fill: c.grid, opacity: 0.4 }}
              />
              <Legend wrapperStyle={{ fontSize: 12, color: c.text }} />
              <Bar dataKey="p50" name="p50" fill={c.series[2]} isAnimationActive={false} />
              <Bar dataKey="p95" name="p95" fill={c.series[1]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
