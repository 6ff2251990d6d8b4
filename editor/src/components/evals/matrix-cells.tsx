// The matrix's cells: an item's label (id, tags, question), a variant's column head (pass rate
// with its interval, latency, costs) and an item x variant outcome as a button that opens its run.
import type { DatasetItem } from '../datasets/datasets-api';
import { ms, preview, usd } from '../runs/format';
import { rateWithInterval } from './format';
import type { ColumnStats, Outcome } from './results';

/** An item's id, tags and question, with its full input and expected answer on hover. */
export function ItemLabel({ id, tags, item }: { id: string; tags?: string[]; item?: DatasetItem }) {
  const input = item?.input ? Object.values(item.input).find((v) => typeof v === 'string') ?? item.input : item?.messages?.at(-1)?.content;
  const title = item ? `input: ${JSON.stringify(item.input ?? item.messages)}\nexpected: ${item.expected === undefined ? '—' : JSON.stringify(item.expected)}` : undefined;
  return (
    <span className="mx-item-label" title={title}>
      <code>{id}</code>
      {tags?.length ? <span className="muted mx-tags"> · {tags.join(', ')}</span> : null}
      {input !== undefined && <span className="mx-input">{preview(input, 90)}</span>}
    </span>
  );
}

export function ColumnHead({ stats: c, partial }: { stats: ColumnStats; partial?: string }) {
  return (
    <th className="mx-head" data-testid={`mx-head-${c.name}`} title={c.description}>
      <div className="mx-variant">{c.name}</div>
      <div className="mx-rate" data-testid={`mx-rate-${c.name}`}>
        {rateWithInterval(c.passRate, c.interval)}
      </div>
      <div className="mx-meta">
        {c.passed}/{c.items} passed{partial ? ` ${partial}` : ''}
        {c.flaky ? ` · ${c.flaky} flaky` : ''}
      </div>
      <div className="mx-meta">
        p50 {ms(c.p50Ms)} · {usd(c.costPerItem)}/item · {c.costPerPass === null ? '—' : usd(c.costPerPass)}/pass
      </div>
    </th>
  );
}

export function CellButton(props: { itemId: string; variant: string; outcome?: Outcome; opening?: string; onOpen: (runId: string, itemId: string, variant: string) => void }) {
  const o = props.outcome;
  if (!o) return <span className="mx-cell pending" data-testid={`mx-cell-${props.itemId}-${props.variant}`} aria-label="not run yet">·</span>;
  // Open the run that explains the cell: a failing repeat when the item failed, else the first.
  const run = (o.pass ? o.cells : o.cells.filter((c) => !c.pass)).find((c) => c.runId) ?? o.cells.find((c) => c.runId);
  const label = `${props.variant} on ${props.itemId}: ${o.pass ? 'pass' : 'fail'}, score ${o.score.toFixed(2)}${o.runs > 1 ? `, ${o.passes} of ${o.runs} repeats passed` : ''}`;
  return (
    <button
      className={`mx-cell ${o.pass ? 'pass' : 'fail'}${o.flaky ? ' flaky' : ''}`}
      data-testid={`mx-cell-${props.itemId}-${props.variant}`}
      data-pass={o.pass}
      aria-label={`${label}${run?.runId ? '. Open its run on the canvas' : ''}`}
      title={[label, ...o.reasons].join('\n')}
      disabled={!run?.runId || props.opening === run.runId}
      onClick={() => run?.runId && props.onOpen(run.runId, props.itemId, props.variant)}
    >
      <span className="mx-mark">{o.pass ? '✓' : '✗'}</span>
      <span className="mx-score">{o.score.toFixed(2)}</span>
      {o.runs > 1 && (
        <span className={o.flaky ? 'mx-repeats flaky' : 'mx-repeats'} title={o.flaky ? 'flaky: the repeats disagree' : undefined}>
          {o.flaky ? '≈' : ''}
          {o.passes}/{o.runs}
        </span>
      )}
      {!o.pass && o.reasons[0] && <span className="mx-reason">{o.reasons[0]}</span>}
    </button>
  );
}
