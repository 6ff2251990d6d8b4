// The three-way comparison a fine-tune (or a replacement search) starts by itself: its eval run's
// progress while it runs, then the pass rate of every variant with its 95% interval, latency and
// cost per 1,000 calls, the pairwise significance and the comparison's verdict.
import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { navigate } from '../../router';
import { tooltipStyle, useChartColors } from './chart-colors';
import { evalRunEnded, evalRunsApi, type EvalReport } from './eval-runs-api';
import { money, pct } from './job-format';
import { usePoll } from './use-poll';

export function EvalRunSummary({
  runId,
  title = 'Three-way comparison',
  compact = false,
}: {
  runId: string;
  title?: string;
  compact?: boolean;
}) {
  const polled = usePoll(
    () => evalRunsApi.get(runId),
    [runId],
    2000,
    (d) => !d || !evalRunEnded(d.run.status),
  );
  const run = polled.data?.run;
  const report = polled.data?.report;
  const evalsPath = run ? `/flows/${encodeURIComponent(run.flow)}/evals?run=${encodeURIComponent(runId)}` : '';
  return (
    <section
      className={compact ? 'card eval-summary compact' : 'card eval-summary'}
      data-testid="eval-summary"
      data-status={run?.status ?? 'loading'}
    >
      <div className="row between">
        <h2 className="section-title">{title}</h2>
        {run && (
          <a href={evalsPath} onClick={(e) => (e.preventDefault(), navigate(evalsPath))} data-testid="eval-run-link">
            Eval run {run.eval} · {runId.slice(0, 12)} →
          </a>
        )}
      </div>
      {!run && !polled.error && <p className="muted">Loading the eval run…</p>}
      {polled.error && !run && <p className="field-error">The eval run cannot be read: {polled.error.message}</p>}
      {run && !evalRunEnded(run.status) && (
        <div className="eval-progress" role="status">
          <progress max={Math.max(run.total, 1)} value={run.done} /> {run.done} of {run.total} cells · {run.status}
        </div>
      )}
      {run?.status === 'failed' && <p className="field-error">The eval run failed: {run.error ?? 'no reason given'}</p>}
      {run?.status === 'cancelled' && <p className="muted">The eval run was cancelled.</p>}
      {report && <ReportView report={report} compact={compact} />}
      {run?.status === 'done' && !report && <p className="muted">The run ended without a report.</p>}
    </section>
  );
}

/** The variant to pick: the highest pass rate; between equal ones, the cheaper per 1,000 calls. */
export function bestVariant(report: EvalReport): EvalReport['variants'][number] | undefined {
  const cost = (v: EvalReport['variants'][number]) => v.cost.per1000 ?? Number.POSITIVE_INFINITY;
  return [...report.variants].sort((a, b) => b.passRate - a.passRate || cost(a) - cost(b))[0];
}

function ReportView({ report, compact }: { report: EvalReport; compact: boolean }) {
  const c = useChartColors();
  const data = report.variants.map((v) => ({
    name: v.name,
    passRate: Math.round(v.passRate * 1000) / 10,
    error: [Math.round((v.passRate - v.interval.low) * 1000) / 10, Math.round((v.interval.high - v.passRate) * 1000) / 10],
  }));
  const best = bestVariant(report);
  const cmp = report.comparison;
  return (
    <>
      <p className="muted">
        {report.dataset.name} ({report.dataset.split ?? 'all'} split, {report.dataset.items} items, dataset{' '}
        {report.dataset.hash.slice(0, 15)}){report.evalCostUsd !== null && <> · eval cost {money(report.evalCostUsd)}</>}
      </p>
      {!compact && (
        <div className="chart" data-testid="pass-rate-chart" role="img" aria-label="Pass rate per variant">
          <ResponsiveContainer width="100%" height={Math.max(120, data.length * 44 + 30)}>
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
              <CartesianGrid stroke={c.grid} strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" domain={[0, 100]} unit="%" stroke={c.muted} tick={{ fill: c.muted, fontSize: 11 }} />
              <YAxis type="category" dataKey="name" width={compact ? 110 : 150} stroke={c.muted} tick={{ fill: c.text, fontSize: 12 }} />
              <Tooltip {...tooltipStyle(c)} formatter={(v) => `${String(v)}%`} cursor={{ fill: c.grid, opacity: 0.4 }} />
              <Bar dataKey="passRate" name="pass rate" fill={c.series[0]} isAnimationActive={false} barSize={18}>
                <ErrorBar dataKey="error" width={6} stroke={c.muted} direction="x" />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <table className="table variants-table" data-testid="variant-table">
        <thead>
          <tr>
            <th>Variant</th>
            <th>Pass rate</th>
            {!compact && <th>95% interval</th>}
            {!compact && <th>p50 latency</th>}
            <th>Cost / 1,000</th>
            {!compact && <th>Errors</th>}
          </tr>
        </thead>
        <tbody>
          {report.variants.map((v) => (
            <tr key={v.name} data-testid={`variant-${v.name}`}>
              <td title={v.description}>
                <strong>{v.name}</strong> {v === best && report.variants.length > 1 && <span className="pill pill-ok">best</span>}
                {v.description && !compact && <div className="muted">{v.description}</div>}
              </td>
              <td className="num" data-testid={`pass-${v.name}`}>
                {pct(v.passRate)}{' '}
                <span className="muted">
                  ({v.passed}/{v.items})
                </span>
              </td>
              {!compact && (
                <td className="num muted">
                  {pct(v.interval.low)}–{pct(v.interval.high)}
                </td>
              )}
              {!compact && <td className="num">{Math.round(v.latencyMs.p50)} ms</td>}
              <td className="num">{money(v.cost.per1000)}</td>
              {!compact && <td className="num">{v.errors}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {report.pairs.length > 0 && (
        <ul className="pair-list">
          {report.pairs.map((p) => (
            <li key={`${p.a}-${p.b}`}>
              {p.a} vs {p.b}: {p.flipped.length} item(s) differ, p = {p.mcnemar.pValue.toFixed(3)}{' '}
              {p.significant ? <strong>significant</strong> : <span className="muted">not significant</span>}
            </li>
          ))}
        </ul>
      )}
      {best && report.variants.length > 1 && (
        <div className="notice" data-testid="recommendation">
          <strong>Recommended: {best.name}</strong> —{' '}
          {report.variants.some((v) => v !== best && v.passRate === best.passRate)
            ? `as high a pass rate as any (${pct(best.passRate)}) and the cheapest`
            : `the highest pass rate (${pct(best.passRate)})`}
          {best.cost.per1000 !== null && <>, {money(best.cost.per1000)} per 1,000 calls</>}.{' '}
          {report.pairs.some((p) => (p.a === best.name || p.b === best.name) && p.significant)
            ? 'The difference is significant.'
            : 'No difference is significant yet: more items would tell.'}
        </div>
      )}
      {cmp && (
        <div className="notice" data-testid="comparison-verdict">
          <strong>
            {cmp.quality.better === 'neither'
              ? `No significant difference in quality between ${cmp.prompt} and ${cmp.finetuned}.`
              : `${cmp.quality.better === 'prompt' ? cmp.prompt : cmp.finetuned} is better (p = ${cmp.quality.pValue?.toFixed(3) ?? '—'}).`}
          </strong>{' '}
          Training {money(cmp.training.costUsd)}; break-even{' '}
          {cmp.breakEven.requests === null ? 'never' : `${cmp.breakEven.requests.toLocaleString('en-US')} requests`} ({cmp.breakEven.reason}
          ).
          {cmp.retirement.warning && <div className="field-warn">{cmp.retirement.warning}</div>}
        </div>
      )}
      {report.comparisonError && <p className="field-warn">{report.comparisonError}</p>}
    </>
  );
}
