// The items of a dataset as an editable table (@tanstack/react-table): a checkbox, the id, one
// column per input field, expected, tags, split, the item's checks, source, note and a delete
// button. A row's problems show on a line under it. Node-level items show their messages read-only.
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { Fragment, useMemo } from 'react';
import { SplitCell, TagsCell, ValueCell } from './cells';
import { ChecksText, NodeItem, SourceText } from './read-only-cells';
import { withField, withTags, type Row } from './rows';

const features = tableFeatures({});
const col = createColumnHelper<typeof features, Row>();

export interface TableActions {
  update: (key: string, fn: (item: Record<string, unknown>) => Record<string, unknown>) => void;
  remove: (key: string) => void;
  cellError: (key: string, column: string, error: string | undefined) => void;
  toggle: (key: string) => void;
}

const idOf = (r: Row) => String(r.item.id ?? '');

function buildColumns(fields: readonly string[], actions: TableActions, selected: ReadonlySet<string>) {
  const input = (field: string) =>
    col.display({
      id: `input.${field}`,
      header: () => (
        <span>
          <span className="muted">input.</span>
          {field}
        </span>
      ),
      cell: ({ row: { original: r } }) => {
        if (r.item.messages) return field === fields[0] ? <NodeItem item={r.item} /> : null;
        const input = (r.item.input ?? {}) as Record<string, unknown>;
        return (
          <ValueCell
            value={input[field]}
            label={`input ${field} of ${idOf(r)}`}
            testId={`ds-cell-input-${field}-${r.key}`}
            onError={(e) => actions.cellError(r.key, `input.${field}`, e)}
            onChange={(v) => actions.update(r.key, (item) => ({ ...item, input: { ...((item.input ?? {}) as object), [field]: v } }))}
          />
        );
      },
    });
  return col.columns([
    col.display({
      id: 'select',
      header: () => null,
      cell: ({ row: { original: r } }) => (
        <input
          type="checkbox"
          aria-label={`Select ${idOf(r)}`}
          data-testid={`ds-select-${r.key}`}
          checked={selected.has(r.key)}
          onChange={() => actions.toggle(r.key)}
        />
      ),
    }),
    col.display({
      id: 'id',
      header: 'id',
      cell: ({ row: { original: r } }) => (
        <ValueCell
          value={r.item.id}
          label={`id of row ${r.key}`}
          testId={`ds-cell-id-${r.key}`}
          onError={() => undefined}
          onChange={(v) => actions.update(r.key, (item) => ({ ...item, id: String(v) }))}
        />
      ),
    }),
    ...fields.map(input),
    col.display({
      id: 'expected',
      header: 'expected',
      cell: ({ row: { original: r } }) => (
        <ValueCell
          value={r.item.expected}
          label={`expected of ${idOf(r)}`}
          testId={`ds-cell-expected-${r.key}`}
          onError={(e) => actions.cellError(r.key, 'expected', e)}
          onChange={(v) => actions.update(r.key, (item) => withField(item, 'expected', v))}
        />
      ),
    }),
    col.display({
      id: 'tags',
      header: 'tags',
      cell: ({ row: { original: r } }) => (
        <TagsCell
          tags={r.item.tags}
          label={`tags of ${idOf(r)}`}
          testId={`ds-cell-tags-${r.key}`}
          onChange={(tags) => actions.update(r.key, (item) => withTags(item, tags))}
        />
      ),
    }),
    col.display({
      id: 'split',
      header: 'split',
      cell: ({ row: { original: r } }) => (
        <SplitCell
          split={r.item.split}
          label={`split of ${idOf(r)}`}
          testId={`ds-cell-split-${r.key}`}
          onChange={(s) => actions.update(r.key, (item) => withField(item, 'split', s))}
        />
      ),
    }),
    col.display({
      id: 'checks',
      header: 'checks',
      cell: ({ row: { original: r } }) => <ChecksText checks={r.item.assert} />,
    }),
    col.display({
      id: 'source',
      header: 'source',
      cell: ({ row: { original: r } }) => <SourceText source={r.item.source} />,
    }),
    col.display({
      id: 'note',
      header: 'note',
      cell: ({ row: { original: r } }) => (
        <ValueCell
          value={r.item.note}
          label={`note of ${idOf(r)}`}
          testId={`ds-cell-note-${r.key}`}
          onError={() => undefined}
          onChange={(v) => actions.update(r.key, (item) => withField(item, 'note', v))}
        />
      ),
    }),
    col.display({
      id: 'delete',
      header: () => null,
      cell: ({ row: { original: r } }) => (
        <button className="icon-btn" aria-label={`Delete ${idOf(r)}`} title="Delete this item" data-testid={`ds-delete-${r.key}`} onClick={() => actions.remove(r.key)}>
          ✕
        </button>
      ),
    }),
  ]);
}

export function DatasetTable(props: {
  rows: Row[];
  fields: string[];
  problems: ReadonlyMap<string, string[]>;
  selected: ReadonlySet<string>;
  actions: TableActions;
  allSelected: boolean;
  onSelectAll: () => void;
}) {
  const { fields, actions, selected } = props;
  const columns = useMemo(() => buildColumns(fields, actions, selected), [fields, actions, selected]);
  const table = useTable({ features, columns, data: props.rows, getRowId: (r) => r.key });
  const width = columns.length;
  return (
    <div className="ds-table-wrap">
      <table className="table ds-table" data-testid="dataset-table">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) =>
                header.id === 'select' ? (
                  <th key={header.id} className="ds-col-select">
                    <input type="checkbox" aria-label="Select all items shown" data-testid="ds-select-all" checked={props.allSelected} onChange={props.onSelectAll} />
                  </th>
                ) : (
                  <th key={header.id} className={`ds-col-${header.id.replace(/\W/g, '-')}`}>
                    <table.FlexRender header={header} />
                  </th>
                ),
              )}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => {
            const problems = props.problems.get(row.id);
            return (
              <Fragment key={row.id}>
                <tr data-testid={`ds-row-${row.id}`} data-item={idOf(row.original)} className={problems ? 'ds-row has-problems' : 'ds-row'}>
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
                {problems && (
                  <tr className="ds-row-problems" data-testid={`ds-problems-${row.id}`}>
                    <td />
                    <td colSpan={width - 1} role="alert">
                      {problems.join(' · ')}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
