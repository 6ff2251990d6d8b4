// Per-arm results as a table: traffic, error and fallback rates (with intervals and the
// comparison with the control), latency, cost and feedback; stopped arms say why.
import type { ArmResult } from './experiments-api';
import { interval, latency, rate, usd, versus } from './results-format';

const refName = (ref: string) => (/^\d+$/.test(ref) ? `v${ref}` : ref);

function Cmp({ c, lowerIsBetter }: { c: Parameters<typeof versus>[0]; lowerIsBetter: boolean }) {
  const v = versus(c, lowerIsBetter);
  return (
    <div className={`vs vs-${v.tone}`} title={v.title}>
      {v.text}
    </div>
  );
}

export function ArmResultsTable({ arms, promoted, evaluated }: { arms: ArmResult[]; promoted?: string; evaluated: boolean }) {
  const total = arms.reduce((s, a) => s + a.runs, 0);
  // Scores come only from feedback that sends one; the column shows once any arm has some.
  const scored = arms.some((a) => a.feedback.score.n > 0);
  return (
    <div className="table-scroll">
      <table className="table arm-results" data-testid="arm-results">
        <thead>
          <tr>
            <th>Arm</th>
            <th className="num">Runs</th>
            <th className="num">Errors</th>
            <th className="num">Fallbacks</th>
            <th className="num">Latency p50 / p95</th>
            <th className="num">Cost / run</th>
            <th className="num">Thumbs up</th>
            {scored && <th className="num">Score</th>}
            {evaluated && <th className="num">Live eval pass</th>}
          </tr>
        </thead>
        <tbody>
          {arms.map((a) => (
            <tr key={a.arm} data-testid={`arm-${a.arm}`} className={a.stopped ? 'arm-stopped' : undefined}>
              <td>
                <strong>{a.arm}</strong> {a.ref && refName(a.ref) !== a.arm && <span className="muted">→ {refName(a.ref)}</span>}
                {a.arm === promoted && <span className="pill pill-ok">promoted</span>}
                {a.stopped && (
                  <div className="pill pill-bad" title={a.stoppedReason}>
                    stopped{a.stoppedReason ? `: ${a.stoppedReason}` : ''}
                  </div>
                )}
                {a.weight !== undefined && <div className="muted nowrap">weight {a.weight}</div>}
              </td>
              <td className="num">
                <strong data-testid={`runs-${a.arm}`}>{a.runs}</strong>
                <div className="muted">{total ? `${Math.round((a.runs / total) * 1000) / 10}%` : ''}</div>
              </td>
              <td className="num" data-testid={`errors-${a.arm}`}>
                {rate(a.errorRate)} <span className="muted ci">{interval(a.errorRate)}</span>
                <Cmp c={a.vsControl?.errorRate} lowerIsBetter />
              </td>
              <td className="num">
                {rate(a.fallbackRate)} <span className="muted ci">{interval(a.fallbackRate)}</span>
                <Cmp c={a.vsControl?.fallbackRate} lowerIsBetter />
              </td>
              <td className="num">
                {latency(a.latencyMs.p50)} / {latency(a.latencyMs.p95)}
              </td>
              <td className="num">
                {usd(a.cost.perRun)}
                <div className="muted">total {usd(a.cost.total)}</div>
              </td>
              <td className="num" data-testid={`thumbs-${a.arm}`}>
                {rate(a.feedback.thumbsUp)}{' '}
                <span className="muted">
                  ({a.feedback.thumbsUp.count}/{a.feedback.thumbsUp.n})
                </span>
                <Cmp c={a.vsControl?.thumbsUp} lowerIsBetter={false} />
              </td>
              {scored && (
                <td className="num">
                  {a.feedback.score.mean === null ? '—' : `${a.feedback.score.mean.toFixed(2)} (${a.feedback.score.n})`}
                </td>
              )}
              {evaluated && (
                <td className="num" data-testid={`eval-pass-${a.arm}`}>
                  {a.evaluation ? (
                    <>
                      {rate(a.evaluation.passRate)}{' '}
                      <span className="muted">
                        ({a.evaluation.passRate.count}/{a.evaluation.passRate.n})
                      </span>
                      <Cmp c={a.vsControl?.evalPass} lowerIsBetter={false} />
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
