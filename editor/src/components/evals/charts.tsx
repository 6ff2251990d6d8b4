// The charts of a run, loaded with recharts only when the Charts or Comparison tab opens.
import { ComparisonPanel } from './comparison';
import type { EvalReport } from './evals-api';
import { LatencyChart } from './latency-chart';
import { PairsTable } from './pairs-table';
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

export function ComparisonTab(props: { report: EvalReport | null; requestsPerDay?: number }) {
  const { report } = props;
  if (!report) return <div className="chart-empty">The comparison comes with the report, when the run is done.</div>;
  return (
    <div className="cmp-tab">
      <ComparisonPanel comparison={report.comparison} error={report.comparisonError} requestsPerDay={props.requestsPerDay} />
      <PairsTable report={report} />
    </div>
  );
}
