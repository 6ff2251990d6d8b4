// The loss curve of a job: training and validation loss per step, from its checkpoints (the
// provider's metrics), redrawn as new checkpoints arrive.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { tooltipStyle, useChartColors } from './chart-colors';
import type { Checkpoint } from './finetunes-api';

export function LossChart({ checkpoints }: { checkpoints: Checkpoint[] }) {
  const c = useChartColors();
  const points = [...checkpoints].sort((a, b) => a.step - b.step).map((p) => ({ step: p.step, train: p.trainLoss, valid: p.validLoss }));
  if (!points.length)
    return (
      <div className="chart-empty muted" data-testid="loss-empty">
        No loss reported yet: the curve appears with the first checkpoint.
      </div>
    );
  const hasValid = points.some((p) => p.valid !== null);
  return (
    <div className="chart" data-testid="loss-chart" data-points={points.length} role="img" aria-label={`Loss over ${points.length} steps`}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={c.grid} strokeDasharray="3 3" />
          <XAxis
            dataKey="step"
            stroke={c.muted}
            tick={{ fill: c.muted, fontSize: 11 }}
            label={{ value: 'step', position: 'insideBottomRight', offset: -2, fill: c.muted, fontSize: 11 }}
          />
          <YAxis stroke={c.muted} tick={{ fill: c.muted, fontSize: 11 }} width={48} domain={[0, 'auto']} />
          <Tooltip {...tooltipStyle(c)} formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Legend wrapperStyle={{ fontSize: 12, color: c.text }} />
          <Line
            type="monotone"
            dataKey="train"
            name="training loss"
            stroke={c.series[0]}
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
          {hasValid && (
            <Line
              type="monotone"
              dataKey="valid"
              name="validation loss"
              stroke={c.series[1]}
              strokeWidth={2}
              dot={{ r: 3 }}
              strokeDasharray="5 3"
              isAnimationActive={false}
              connectNulls
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
