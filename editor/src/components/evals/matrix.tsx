// The results matrix: one row per item, one column per variant. A cell shows pass or fail, the
// score and, with repeats, how many passed (flaky when they disagree); clicking it opens that
// item's run on the canvas. Headers carry pass rate ± Wilson interval, p50 latency, cost per item
// and cost per pass. Diff mode compares two variants, marks the items that flipped and gives
// McNemar's exact p from the report.
import { useState } from 'react';
import { pValue } from './format';
import { CellButton, ColumnHead, ItemLabel } from './matrix-cells';
import { pairOf, type Results } from './results';
import type { DatasetItem } from '../datasets/datasets-api';
import type { EvalReport } from './evals-api';

const PAGE = 100;

export interface DiffPick {
  a: string;
  b: string;
}

export function Matrix(props: {
  results: Results;
  report: EvalReport | null;
  /** After "passed" in the headers while there is no report: "so far", "before it was cancelled". */
  partial?: string;
  /** The dataset's items the run used, by id, for the question and the expected answer. */
  items?: ReadonlyMap<string, DatasetItem>;
  onOpen: (runId: string, itemId: string, variant: string) => void; opening?: string }) {
  const { results } = props;
  const [diff, setDiff] = useState<DiffPick | null>(null);
  const [onlyChanged, setOnlyChanged] = useState(false);
  const [failuresOnly, setFailuresOnly] = useState(false);
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);

  const flipped = (id: string) => {
    if (!diff) return false;
    const a = results.outcome(id, diff.a);
    const b = results.outcome(id, diff.b);
    return !!a && !!b && a.pass !== b.pass;
  };
  const shownVariants = diff ? [diff.a, diff.b] : results.variants;
  const rows = results.items.filter((item) => {
    if (query && !item.id.toLowerCase().includes(query.toLowerCase())) return false;
    if (diff && onlyChanged && !flipped(item.id)) return false;
    if (failuresOnly && !shownVariants.some((v) => results.outcome(item.id, v)?.pass === false)) return false;
    return true;
  });
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const at = Math.min(page, pages - 1);
  const columns = shownVariants.map((v) => results.columns.find((c) => c.name === v)!).filter(Boolean);
  const flips = diff ? results.items.filter((i) => flipped(i.id)) : [];
  const pair = diff ? pairOf(props.report, diff.a, diff.b) : undefined;

  return (
    <section className="mx" data-testid="eval-matrix">
      <div className="mx-tools row">
        <input className="input search" aria-label="Filter items" placeholder="Filter items…" value={query} onChange={(e) => (setQuery(e.target.value), setPage(0))} />
        <label className="check">
          <input type="checkbox" data-testid="mx-failures" checked={failuresOnly} onChange={(e) => (setFailuresOnly(e.target.checked), setPage(0))} /> failures only
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="mx-diff"
            checked={!!diff}
            disabled={results.variants.length < 2}
            onChange={(e) => setDiff(e.target.checked ? { a: results.variants[0], b: results.variants[1] } : null)}
          />{' '}
          diff two variants
        </label>
        {diff && (
          <>
            <VariantSelect testId="mx-diff-a" value={diff.a} variants={results.variants} onChange={(a) => setDiff({ ...diff, a })} />
            <span className="muted">vs</span>
            <VariantSelect testId="mx-diff-b" value={diff.b} variants={results.variants} onChange={(b) => setDiff({ ...diff, b })} />
            <label className="check">
              <input type="checkbox" data-testid="mx-only-flipped" checked={onlyChanged} onChange={(e) => (setOnlyChanged(e.target.checked), setPage(0))} /> only flipped
            </label>
          </>
        )}
        <div className="grow" />
        <span className="muted" data-testid="mx-count">
          {rows.length === results.items.length ? `${rows.length} item${rows.length === 1 ? '' : 's'}` : `${rows.length} of ${results.items.length} items`}
        </span>
        {pages > 1 && (
          <span className="row">
            <button className="btn btn-small btn-ghost" aria-label="Previous page" disabled={at === 0} onClick={() => setPage(at - 1)}>
              ‹
            </button>
            {at + 1}/{pages}
            <button className="btn btn-small btn-ghost" aria-label="Next page" disabled={at >= pages - 1} onClick={() => setPage(at + 1)}>
              ›
            </button>
          </span>
        )}
      </div>
      {diff && (
        <div className="mx-diff-summary" data-testid="mx-diff-summary" role="status">
          <strong>{flips.length} flipped</strong>: {flips.filter((i) => results.outcome(i.id, diff.a)?.pass).length} pass only with <code>{diff.a}</code>,{' '}
          {flips.filter((i) => results.outcome(i.id, diff.b)?.pass).length} only with <code>{diff.b}</code>
          {pair ? (
            <>
              {' '}
              · McNemar exact <span data-testid="mx-mcnemar">{pValue(pair.pValue)}</span>{' '}
              {pair.significant ? <span className="sig">significant at 5%</span> : <span className="muted">not significant at 5%</span>}
            </>
          ) : (
            <span className="muted"> · McNemar's p comes with the report when the run is done</span>
          )}
        </div>
      )}
      <div className="mx-wrap">
        {/* Fixed layout shares the width between the variants; past a few of them the table scrolls. */}
        <table className="table mx-table" style={{ minWidth: 220 + columns.length * 170 }}>
          <thead>
            <tr>
              <th className="mx-item-head">item</th>
              {columns.map((c) => (
                <ColumnHead key={c.name} stats={c} partial={results.live ? (props.partial ?? 'so far') : undefined} />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(at * PAGE, at * PAGE + PAGE).map((item) => (
              <tr key={item.id} className={flipped(item.id) ? 'mx-row flipped' : 'mx-row'} data-testid={`mx-row-${item.id}`} data-flipped={flipped(item.id) || undefined}>
                <th scope="row" className="mx-item">
                  <ItemLabel id={item.id} tags={item.tags} item={props.items?.get(item.id)} />
                </th>
                {shownVariants.map((v) => (
                  <td key={v}>
                    <CellButton itemId={item.id} variant={v} outcome={results.outcome(item.id, v)} opening={props.opening} onOpen={props.onOpen} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function VariantSelect(props: { value: string; variants: string[]; onChange: (v: string) => void; testId: string }) {
  return (
    <select className="input input-narrow" aria-label="Variant" data-testid={props.testId} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      {props.variants.map((v) => (
        <option key={v}>{v}</option>
      ))}
    </select>
  );
}
