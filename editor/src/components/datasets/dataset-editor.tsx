// One dataset in the table: add, edit, delete and tag items, split them with a seed, save the
// whole dataset back (canonical JSONL through PUT /v1/datasets/:name) and show its content hash.
// Problems show per row before saving, and the worker's own 422 problems land on their rows too.
import { useCallback, useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import { datasetItem, type DatasetItem } from '../../../../worker/datasets/schema';
import { formatDataset } from '../../../../worker/datasets/jsonl';
import { countBySplit } from '../../../../worker/datasets/split';
import { datasetTableApi, type DatasetInfo, type DatasetWithItems } from './datasets-api';
import { DatasetTable, type TableActions } from './dataset-table';
import { ExportPanel } from './export-panel';
import { ItemTools } from './item-tools';
import { inputFields, newRow, problemsByRow, rowProblems, toRows, withField, withTags, type Row } from './rows';
import { SplitTools } from './split-tools';
import { SaveText, type SaveState } from './save-text';
import { TagTools } from './tag-tools';

const PAGE = 100;


export function DatasetEditor(props: { dataset: DatasetWithItems | { name: string; isNew: true }; onSaved: (info: DatasetInfo) => void }) {
  const loaded = 'isNew' in props.dataset ? undefined : props.dataset;
  const [rows, setRows] = useState<Row[]>(() => toRows(loaded?.items ?? []));
  const [hash, setHash] = useState(loaded?.hash);
  const [dirty, setDirty] = useState(!loaded);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [cellErrors, setCellErrors] = useState<Map<string, string>>(() => new Map());
  const [serverProblems, setServerProblems] = useState<Map<string, string[]>>(() => new Map());
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [query, setQuery] = useState('');
  const [splitFilter, setSplitFilter] = useState('');
  const [page, setPage] = useState(0);
  const [fields, setFields] = useState(() => inputFields(rows));

  const change = useCallback((fn: (rows: Row[]) => Row[]) => {
    setRows(fn);
    setDirty(true);
    setServerProblems(new Map());
    setSave({ kind: 'idle' });
  }, []);

  const actions: TableActions = useMemo(
    () => ({
      update: (key, fn) => change((rs) => rs.map((r) => (r.key === key ? { ...r, item: fn(r.item) } : r))),
      remove: (key) => change((rs) => rs.filter((r) => r.key !== key)),
      cellError: (key, column, error) =>
        setCellErrors((m) => {
          const next = new Map(m);
          if (error) next.set(`${key}\u0000${column}`, `${column}: ${error}`);
          else next.delete(`${key}\u0000${column}`);
          return next;
        }),
      toggle: (key) =>
        setSelected((s) => {
          const next = new Set(s);
          if (!next.delete(key)) next.add(key);
          return next;
        }),
    }),
    [change],
  );

  const problems = useMemo(() => {
    const all = rowProblems(rows);
    for (const [k, msg] of cellErrors) {
      const key = k.split('\u0000')[0];
      if (rows.some((r) => r.key === key)) all.set(key, [...(all.get(key) ?? []), msg]);
    }
    for (const [key, list] of serverProblems) all.set(key, [...(all.get(key) ?? []), ...list]);
    return all;
  }, [rows, cellErrors, serverProblems]);

  const valid = useMemo(() => rows.flatMap((r) => (problems.has(r.key) ? [] : [datasetItem.parse(r.item)])), [rows, problems]);
  const counts = countBySplit(valid);
  const shown = rows.filter((r) => {
    if (splitFilter && (r.item.split ?? 'none') !== splitFilter) return false;
    return !query || JSON.stringify(r.item).toLowerCase().includes(query.toLowerCase());
  });
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const at = Math.min(page, pages - 1);
  const pageRows = shown.slice(at * PAGE, at * PAGE + PAGE);
  const allSelected = pageRows.length > 0 && pageRows.every((r) => selected.has(r.key));

  const add = () => {
    const row = newRow(rows, fields);
    change((rs) => [...rs, row]);
    setFields((f) => (f.length ? f : inputFields([row])));
    setQuery('');
    setSplitFilter('');
    setPage(Math.floor(rows.length / PAGE));
  };
  const addField = (name: string) => {
    const f = name.trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(f) || fields.includes(f)) return false;
    setFields((fs) => [...fs, f]);
    return true;
  };
  const deleteSelected = () => {
    change((rs) => rs.filter((r) => !selected.has(r.key)));
    setSelected(new Set());
  };
  const tag = (t: string, addIt: boolean) =>
    change((rs) =>
      rs.map((r) => {
        if (!selected.has(r.key)) return r;
        const tags = Array.isArray(r.item.tags) ? (r.item.tags as string[]) : [];
        return { ...r, item: withTags(r.item, addIt ? [...tags, t] : tags.filter((x) => x !== t)) };
      }),
    );
  const split = (byId: Map<string, string>) =>
    change((rs) => rs.map((r) => (byId.has(String(r.item.id)) ? { ...r, item: withField(r.item, 'split', byId.get(String(r.item.id))) } : r)));

  async function store() {
    if (problems.size) return setSave({ kind: 'error', message: `${problems.size} row(s) have problems; fix them first` });
    setSave({ kind: 'saving' });
    try {
      const items: DatasetItem[] = rows.map((r) => datasetItem.parse(r.item));
      const info = await datasetTableApi.put(props.dataset.name, formatDataset(items));
      setHash(info.hash);
      setDirty(false);
      setSave({ kind: 'saved', changed: info.changed });
      props.onSaved(info);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) setServerProblems(problemsByRow(rows, err.issues));
      setSave({ kind: 'error', message: (err as Error).message });
    }
  }

  return (
    <section className="ds-editor" data-testid="dataset-editor" data-dataset={props.dataset.name}>
      <div className="ds-head">
        <h2>{props.dataset.name}</h2>
        <span className="muted" data-testid="ds-counts">
          {rows.length} items · {counts.train} train · {counts.validation} validation · {counts.test} test · {counts.none} unsplit
        </span>
        <code className="ds-hash" data-testid="ds-hash" title={hash ? `content hash (SHA-256 of the canonical JSONL): ${hash}` : 'not saved yet'}>
          {hash ? `hash ${hash.slice(0, 12)}` : 'not saved yet'}
        </code>
        {dirty && (
          <span className="dirty" data-testid="ds-dirty">
            ● unsaved
          </span>
        )}
        <div className="grow" />
        <SaveText state={save} problems={problems.size} />
        <button className={dirty ? 'btn btn-small btn-primary' : 'btn btn-small'} data-testid="ds-save" disabled={save.kind === 'saving' || !dirty} onClick={() => void store()}>
          Save
        </button>
      </div>
      <div className="ds-tools">
        <ItemTools selected={selected.size} onAdd={add} onAddField={addField} onDeleteSelected={deleteSelected} />
        <TagTools selected={selected.size} onTag={tag} />
        <SplitTools items={valid} onSplit={split} />
        <ExportPanel name={props.dataset.name} items={valid} dirty={dirty} />
      </div>
      <div className="row ds-filter">
        <input className="input search" aria-label="Filter items" data-testid="ds-filter" placeholder="Filter items…" value={query} onChange={(e) => (setQuery(e.target.value), setPage(0))} />
        <select className="input input-narrow" aria-label="Show split" data-testid="ds-filter-split" value={splitFilter} onChange={(e) => (setSplitFilter(e.target.value), setPage(0))}>
          <option value="">all splits</option>
          <option value="train">train</option>
          <option value="validation">validation</option>
          <option value="test">test</option>
          <option value="none">no split</option>
        </select>
        <span className="muted">
          {shown.length === rows.length ? `${rows.length} items` : `${shown.length} of ${rows.length} items`}
          {problems.size ? ` · ${problems.size} with problems` : ''}
        </span>
        {pages > 1 && (
          <span className="row">
            <button className="btn btn-small btn-ghost" disabled={at === 0} onClick={() => setPage(at - 1)}>
              ‹
            </button>
            page {at + 1} of {pages}
            <button className="btn btn-small btn-ghost" disabled={at >= pages - 1} onClick={() => setPage(at + 1)}>
              ›
            </button>
          </span>
        )}
      </div>
      {rows.length === 0 ? (
        <div className="state state-empty">
          <strong>No items yet.</strong>
          <div>Add one here, or select runs in a flow's Runs panel and use "Add to dataset…".</div>
        </div>
      ) : (
        <DatasetTable
          rows={pageRows}
          fields={fields}
          problems={problems}
          selected={selected}
          actions={actions}
          allSelected={allSelected}
          onSelectAll={() => setSelected(allSelected ? new Set() : new Set(pageRows.map((r) => r.key)))}
        />
      )}
    </section>
  );
}
