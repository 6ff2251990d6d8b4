// The break-even chart: cumulative cost against requests for the prompt variant (cost per call ×
// n) and the fine-tuned one (training + eval + hosting up front, then its cheaper calls, its
// fallbacks included). The lines cross at N*. When the eval names the traffic, the requests the
// base model's remaining life allows are marked too.
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Comparison } from '../../../../worker/evals/compare';
import { usd } from '../runs/format';
import { count } from './format';

/** Axis ticks: whole dollars from a dollar up, cents from a cent up, then significant digits. */
const dollars = (v: number) => (v >= 1 ? `$${Math.round(v).toLocaleString('en-US')}` : v >= 0.01 ? `$${v.toFixed(2)}` : usd(v));

export function breakEvenSeries(c: Comparison, untilRetirement?: number | null) {
  const fixed = (c.training.costUsd ?? 0) + (c.evalCostUsd ?? 0) + c.hosting.costUsd;
  const p = c.costPerCall.prompt ?? 0;
  const f = c.costPerCall.finetuned ?? 0;
  const n = c.breakEven.requests;
  const end = Math.max(10, Math.ceil((n ?? untilRetirement ?? 100_000) * 2), untilRetirement ? Math.ceil(untilRetirement * 1.1) : 0);
  const xs = [...new Set([0, ...(n ? [n] : []), ...(untilRetirement ? [untilRetirement] : []), end])].sort((a, b) => a - b);
  for (let i = 1; i <= 8; i++) xs.push(Math.round((end * i) / 8));
  return [...new Set(xs)].sort((a, b) => a - b).map((x) => ({ n: x, prompt: p * x, finetuned: fixed + f * x }));
}

export function BreakEvenChart({ comparison: c, requestsPerDay }: { comparison: Comparison; requestsPerDay?: number }) {
  if (c.costPerCall.prompt === null || c.costPerCall.finetuned === null)
    return (
      <figure className="chart" data-testid="chart-break-even">
        <figcaption>Break-even</figcaption>
        <div className="chart-empty">{c.breakEven.reason}</div>
      </figure>
    );
  const reachable = requestsPerDay && c.retirement.daysLeft && c.retirement.daysLeft > 0 ? requestsPerDay * c.retirement.daysLeft : null;
  // The crossing is the point of the chart: the retirement mark joins it only when it fits near it.
  const n = c.breakEven.requests;
  const untilRetirement = reachable !== null && (n === null || reachable <= n * 4) ? reachable : null;
  const data = breakEvenSeries(c, untilRetirement);
  return (
    <figure className="chart" data-testid="chart-break-even">
      <figcaption>
        Cumulative cost vs requests: <code>{c.prompt}</code> against <code>{c.finetuned}</code>
      </figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={data} margin={{ top: 14, right: 24, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="n" domain={[0, 'dataMax']} tickFormatter={count} label={{ value: 'requests', position: 'insideBottom', offset: -14 }} />
          <YAxis tickFormatter={dollars} width={70} />
          <Tooltip labelFormatter={(v) => `${count(Number(v))} requests`} formatter={(v) => usd(Number(v))} />
          <Legend verticalAlign="top" height={24} />
          <Line type="linear" dataKey="prompt" name={`${c.prompt} (prompt)`} stroke="#3b82f6" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="linear" dataKey="finetuned" name={`${c.finetuned} (fine-tuned)`} stroke="#ef6c4a" strokeWidth={2} dot={false} isAnimationActive={false} />
          {c.breakEven.requests !== null && (
            <ReferenceLine
              x={c.breakEven.requests}
              stroke="#22a06b"
              strokeDasharray="4 3"
              label={{ value: `N* = ${count(c.breakEven.requests)}`, position: 'insideTopLeft', fill: '#22a06b', fontSize: 12 }}
            />
          )}
          {untilRetirement !== null && (
            <ReferenceLine
              x={untilRetirement}
              stroke="#eab308"
              strokeDasharray="2 3"
              label={{ value: `retires (${count(requestsPerDay!)}/day)`, position: 'insideTopRight', fill: '#b58a00', fontSize: 12 }}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
      {reachable !== null && untilRetirement === null && (
        <div className="chart-note">
          At {count(requestsPerDay!)} requests a day, {count(reachable)} requests reach the base model before it retires ({c.retirement.date}): far past N*.
        </div>
      )}
    </figure>
  );
}
