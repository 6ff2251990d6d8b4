// The technique comparison: prompt engineering, fine-tuning or both? Quality with intervals and
// McNemar's significance, latency, cost per 1,000 requests, training cost, break-even volume N*
// with its formula, and the base model's retirement with the warning when N* comes too late.
import type { Comparison } from '../../../../worker/evals/compare';
import { ms, usd } from '../runs/format';
import { BreakEvenChart } from './break-even-chart';
import { count, pct, pValue, rateWithInterval } from './format';

export function ComparisonPanel({ comparison: c, error, requestsPerDay }: { comparison?: Comparison; error?: string; requestsPerDay?: number }) {
  if (!c)
    return (
      <section className="cmp" data-testid="eval-comparison">
        <div className="chart-empty">
          {error ? `The technique comparison could not be computed: ${error}` : 'This eval has no "comparison" block naming a prompt variant and a fine-tuned one.'}
        </div>
      </section>
    );
  const verdict =
    c.quality.better === 'neither'
      ? `No significant quality difference (${c.quality.pValue === null ? 'no paired test' : pValue(c.quality.pValue)}).`
      : `${c.quality.better === 'prompt' ? c.prompt : c.finetuned} is significantly better (${pValue(c.quality.pValue!)}).`;
  return (
    <section className="cmp" data-testid="eval-comparison">
      {c.retirement.warning && (
        <div className="cmp-warning" role="alert" data-testid="retirement-warning">
          ⚠ {c.retirement.warning}
        </div>
      )}
      <p className="cmp-verdict">
        {verdict}{' '}
        {c.breakEven.requests !== null ? (
          <>
            The fine-tune pays back after <strong data-testid="break-even-n">{count(c.breakEven.requests)}</strong> requests.
          </>
        ) : (
          <>It does not pay back on cost: {c.breakEven.reason}.</>
        )}
      </p>
      <div className="cmp-grid">
        <table className="table cmp-table">
          <thead>
            <tr>
              <th />
              <th>
                <code>{c.prompt}</code> (prompt)
              </th>
              <th>
                <code>{c.finetuned}</code> (fine-tuned)
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">pass rate (95% CI)</th>
              <td>{rateWithInterval(c.quality.prompt.passRate, c.quality.prompt.interval)}</td>
              <td>{rateWithInterval(c.quality.finetuned.passRate, c.quality.finetuned.interval)}</td>
            </tr>
            <tr>
              <th scope="row">latency p50</th>
              <td>{ms(c.latencyP50Ms.prompt)}</td>
              <td>{ms(c.latencyP50Ms.finetuned)}</td>
            </tr>
            <tr>
              <th scope="row">cost per 1,000 requests</th>
              <td>{usd(c.costPer1000.prompt)}</td>
              <td>
                {usd(c.costPer1000.finetuned)} <span className="muted">(fallback {pct(c.fallbackRate)})</span>
              </td>
            </tr>
            <tr>
              <th scope="row">training</th>
              <td className="muted">—</td>
              <td>
                {usd(c.training.costUsd)}{' '}
                <span className="muted">
                  ({count(c.training.tokensPerEpoch)} tokens × {c.training.epochs} epochs{c.training.perMTok !== null ? ` × $${c.training.perMTok}/M` : ''})
                </span>
              </td>
            </tr>
            <tr>
              <th scope="row">hosting + eval</th>
              <td className="muted">—</td>
              <td>
                {usd(c.hosting.costUsd)} + {usd(c.evalCostUsd)}
              </td>
            </tr>
            <tr>
              <th scope="row">break-even N*</th>
              <td colSpan={2}>
                {c.breakEven.requests === null ? '—' : `${count(c.breakEven.requests)} requests`} <span className="muted">{c.breakEven.reason}</span>
              </td>
            </tr>
            <tr>
              <th scope="row">base model retires</th>
              <td colSpan={2}>
                {c.retirement.date ?? 'no date known'}
                {c.retirement.daysLeft !== null ? ` (in ${c.retirement.daysLeft} days)` : ''}
                {c.retirement.requestsPerDayNeeded !== null ? ` · needs ${count(c.retirement.requestsPerDayNeeded)} requests/day to pay back in time` : ''}
              </td>
            </tr>
          </tbody>
        </table>
        <BreakEvenChart comparison={c} requestsPerDay={requestsPerDay} />
      </div>
      {c.training.source && <div className="chart-note">Training price: {c.training.source}.</div>}
    </section>
  );
}
