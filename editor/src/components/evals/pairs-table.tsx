// Every pair of variants on the same items: the items that flipped each way, McNemar's exact p, the
// difference in mean score with its paired bootstrap interval; then pairwise judging, when the eval
// asks a judge which of two answers is better (both orders, so position bias cancels).
import type { EvalReport } from './evals-api';
import { pct, pValue } from './format';

const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;

export function PairsTable({ report }: { report: EvalReport }) {
  if (!report.pairs.length && !report.pairwise.length) return null;
  return (
    <section className="pairs" data-testid="eval-pairs">
      {report.pairs.length > 0 && (
        <table className="table cmp-table">
          <caption>Variant pairs on the same {report.dataset.items} items</caption>
          <thead>
            <tr>
              <th>A vs B</th>
              <th>pass only with A</th>
              <th>pass only with B</th>
              <th>McNemar exact</th>
              <th>score A − B (95% CI)</th>
            </tr>
          </thead>
          <tbody>
            {report.pairs.map((p) => (
              <tr key={`${p.a}|${p.b}`} data-testid={`pair-${p.a}-${p.b}`}>
                <td>
                  <code>{p.a}</code> vs <code>{p.b}</code>
                </td>
                <td>{p.mcnemar.b}</td>
                <td>{p.mcnemar.c}</td>
                <td className={p.significant ? 'sig' : undefined}>
                  {pValue(p.mcnemar.pValue)}
                  {p.significant ? ' (significant)' : ''}
                </td>
                <td>
                  {signed(p.scoreDiff.mean)} ({signed(p.scoreDiff.low)} to {signed(p.scoreDiff.high)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.pairwise.length > 0 && (
        <table className="table cmp-table" data-testid="eval-pairwise">
          <caption>Pairwise judging (each pair asked in both orders)</caption>
          <thead>
            <tr>
              <th>A vs B</th>
              <th>A wins</th>
              <th>B wins</th>
              <th>ties</th>
              <th>not graded</th>
              <th>A's win rate</th>
            </tr>
          </thead>
          <tbody>
            {report.pairwise.map((p) => (
              <tr key={`${p.a}|${p.b}`}>
                <td>
                  <code>{p.a}</code> vs <code>{p.b}</code>
                </td>
                <td>{p.wins.a}</td>
                <td>{p.wins.b}</td>
                <td>{p.wins.tie}</td>
                <td>{p.ungraded}</td>
                <td>{p.winRate === null ? '—' : pct(p.winRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
