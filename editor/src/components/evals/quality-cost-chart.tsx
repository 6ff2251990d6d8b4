// Quality against cost, one point per variant: pass rate with its Wilson 95% interval as an error
// bar, against the cost per item. Up and to the left is better.
import { CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { usd } from '../runs/format';
import { variantColor } from './colors';
import { rateWithInterval } from './format';
import type { ColumnStats } from './results';

export function QualityCostChart({ columns }: { columns: ColumnStats[] }) {
  const names = columns.map((c) => c.name);
  const priced = columns.filter((c) => c.costPerItem !== null);
  const unpriced = columns.filter((c) => c.costPerItem === null);
  return (
    <figure className="chart" data-testid="chart-quality-cost">
      <figcaption>Quality vs cost per item</figcaption>
      {priced.length === 0 ? (
        <div className="chart-empty">No variant has a known cost (a model without a price): only quality can be compared.</div>
      ) : (
        <ResponsiveContainer width="100%" height={260}>
          <ScatterChart margin={{ top: 10, right: 20, bottom: 24, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="x"
              name="cost per item"
              tickFormatter={(v: number) => usd(v)}
              domain={[0, 'auto']}
              label={{ value: 'cost per item (USD)', position: 'insideBottom', offset: -14 }}
            />
            <YAxis type="number" dataKey="y" name="pass rate" unit="%" domain={[0, 100]} width={48} />
            <Tooltip
              cursor={{ strokeDasharray: '3 3' }}
              content={({ payload }) => {
                const p = payload?.[0]?.payload as { c: ColumnStats } | undefined;
                return p ? (
                  <div className="chart-tip">
                    <strong>{p.c.name}</strong>
                    <div>{rateWithInterval(p.c.passRate, p.c.interval)}</div>
                    <div>{usd(p.c.costPerItem)} per item</div>
                  </div>
                ) : null;
              }}
            />
            <Legend verticalAlign="top" height={24} />
            {priced.map((c) => (
              <Scatter
                key={c.name}
                name={c.name}
                fill={variantColor(names, c.name)}
                isAnimationActive={false}
                data={[{ c, x: c.costPerItem, y: c.passRate * 100, err: [(c.passRate - c.interval.low) * 100, (c.interval.high - c.passRate) * 100] }]}
              >
                <ErrorBar dataKey="err" direction="y" width={10} strokeWidth={2} stroke={variantColor(names, c.name)} isAnimationActive={false} />
              </Scatter>
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      )}
      {unpriced.length > 0 && priced.length > 0 && <div className="chart-note">Cost unknown for {unpriced.map((c) => c.name).join(', ')} (no price): not plotted.</div>}
    </figure>
  );
}
