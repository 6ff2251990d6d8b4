// The runs table (@tanstack/react-table): time, status, version, latency, tokens, cost, input
// and output previews, feedback. Filtering and paging happen in the API; a row opens the run, its
// checkbox selects it (for "Add to dataset…").
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { clock, ms, preview, usd } from './format';
import type { RunSummary } from './runs-api';

const features = tableFeatures({});
const col = createColumnHelper<typeof features, RunSummary>();

/** Feedback in words (thumbs, score, comments, a correction), as an end user's app sent it. */
const feedbackText = (r: RunSummary) =>
  [
    r.feedback.thumbs === 'up' ? 'thumbs up' : r.feedback.thumbs === 'down' ? 'thumbs down' : '',
    r.feedback.score !== null ? `score ${r.feedback.score}` : '',
    r.feedback.comments ? `${r.feedback.comments} comment${r.feedback.comments > 1 ? 's' : ''}` : '',
    r.feedback.corrected ? 'corrected' : '',
  ]
    .filter(Boolean)
    .join(', ');

const columns = col.columns([
  col.accessor('createdAt', { header: 'Time', cell: (c) => <span className="nowrap">{clock(c.getValue())}</span> }),
  col.accessor('status', {
    header: 'Status',
    cell: (c) => {
      const r = c.row.original;
      return (
        <span className={`run-badge run-${r.status}`} title={r.error ? `${r.error.code}: ${r.error.message}` : undefined}>
          {r.status === 'ok' ? 'ok' : `failed${r.error?.nodeId ? ` · ${r.error.nodeId}` : ''}`}
        </span>
      );
    },
  }),
  col.accessor((r) => String(r.flow.version), {
    id: 'version',
    header: 'Version',
    cell: (c) => (c.getValue() === 'draft' ? 'draft' : `v${c.getValue()}`),
  }),
  col.accessor('durationMs', { header: 'Latency', cell: (c) => <span className="nowrap">{ms(c.getValue())}</span> }),
  col.accessor((r) => r.usage.inputTokens + r.usage.outputTokens, {
    id: 'tokens',
    header: 'Tokens',
    cell: (c) => <span title={`${c.row.original.usage.inputTokens} in · ${c.row.original.usage.outputTokens} out`}>{c.getValue()}</span>,
  }),
  col.accessor('costUsd', {
    header: 'Cost',
    cell: (c) => <span className={c.getValue() === null ? 'muted' : undefined}>{usd(c.getValue())}</span>,
  }),
  col.accessor('inputPreview', { header: 'Input', cell: (c) => <span className="clamp-1">{preview(c.getValue(), 60)}</span> }),
  col.accessor((r) => r.outputPreview ?? r.error?.message ?? '', {
    id: 'output',
    header: 'Output',
    cell: (c) => <span className="clamp-1">{preview(c.getValue(), 60)}</span>,
  }),
  col.accessor(feedbackText, { id: 'feedback', header: 'Feedback', cell: (c) => <span className="nowrap">{c.getValue()}</span> }),
]);

export interface RunSelection {
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
}

export function RunsTable(props: { runs: RunSummary[]; openId?: string; onOpen: (run: RunSummary) => void; selection?: RunSelection }) {
  const table = useTable({ features, columns, data: props.runs, getRowId: (r) => r.id });
  const sel = props.selection;
  const allSelected = !!sel && props.runs.length > 0 && props.runs.every((r) => sel.selected.has(r.id));
  const toggle = (id: string) => {
    if (!sel) return;
    const next = new Set(sel.selected);
    if (!next.delete(id)) next.add(id);
    sel.onChange(next);
  };
  return (
    <div className="runs-table-wrap">
      <table className="table runs-table" data-testid="runs-table">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {sel && (
                <th>
                  <input
                    type="checkbox"
                    aria-label="Select all runs shown"
                    data-testid="runs-select-all"
                    checked={allSelected}
                    onChange={() => sel.onChange(allSelected ? new Set() : new Set(props.runs.map((r) => r.id)))}
                  />
                </th>
              )}
              {group.headers.map((header) => (
                <th key={header.id}>{header.isPlaceholder ? null : <table.FlexRender header={header} />}</th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              data-testid={`run-row-${row.id}`}
              data-status={row.original.status}
              className={row.id === props.openId ? 'open' : undefined}
              tabIndex={0}
              onClick={() => props.onOpen(row.original)}
              onKeyDown={(e) => e.key === 'Enter' && props.onOpen(row.original)}
            >
              {sel && (
                <td className="select-cell" onClick={(e) => e.stopPropagation()}>
                  <input
                    type="checkbox"
                    aria-label="Select this run"
                    data-testid={`run-select-${row.id}`}
                    checked={sel.selected.has(row.id)}
                    onChange={() => toggle(row.id)}
                    onKeyDown={(e) => e.stopPropagation()}
                  />
                </td>
              )}
              {row.getAllCells().map((cell) => (
                <td key={cell.id}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
