// The charts of a run, loaded with recharts only when the Charts or Comparison tab opens.
import type { Comparison } from '../../../../worker/evals/compare';
import { ComparisonPanel } from './comparison';
import { LatencyChart } from './latency-chart';
import { QualityCostChart } from './quality-cost-chart';
import type { Results } from './results';

export function ChartsPanel({ results }: { results: Results }) {
  return (
    <div className="charts-grid" data-testid="eval-charts">
      <QualityCostChart columns={results.columns} />
      <LatencyChart latencies={results.latencies} />
    </div>
  );
}

export function ComparisonTab(props: { comparison?: Comparison; error?: string; requestsPerDay?: number; live: boolean }) {
  if (props.live) return <div className="chart-empty">The technique comparison comes with the report, when the run is done.</div>;
  return <ComparisonPanel comparison={props.comparison} error={props.error} requestsPerDay={props.requestsPerDay} />;
}
