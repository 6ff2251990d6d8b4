// The flow list's run column: runs today (UTC), error rate and median latency, from the run log.
import type { FlowSummary } from './runs-api';
import { ms, percent } from './format';
import './runs.css';

export function FlowRunStats({ stats }: { stats: FlowSummary | undefined }) {
  if (!stats) return <span className="muted">no runs today</span>;
  return (
    <span className="run-stats nowrap" data-testid={`run-stats-${stats.flowId}`}>
      <strong>{stats.runs}</strong> {stats.runs === 1 ? 'run' : 'runs'} ·{' '}
      <span className={stats.errorRate > 0 ? 'bad' : undefined}>{percent(stats.errorRate)} errors</span> · p50 {ms(stats.p50Ms)}
    </span>
  );
}
