// The Datasets page: every dataset with its size, splits and hash on the left; the chosen one in
// the editable table on the right (/datasets/<name>). A new dataset is created by saving it.
import { useState } from 'react';
import { navigate } from '../../router';
import { ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { DatasetEditor } from './dataset-editor';
import { datasetTableApi } from './datasets-api';
import './datasets.css';

const validName = (name: string) => /^[a-z0-9][a-z0-9_-]*$/.test(name) && name.length <= 64;
const open = (name: string) => navigate(`/datasets/${encodeURIComponent(name)}`);

export function DatasetsPage({ selected }: { selected?: string }) {
  const list = useAsync(() => datasetTableApi.list(), []);
  const [creating, setCreating] = useState('');
  const known = list.data?.some((d) => d.name === selected);
  return (
    <div className="ds-page">
      <aside className="ds-list" aria-label="Datasets">
        <div className="page-head">
          <h1>Datasets</h1>
        </div>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (validName(creating)) open(creating);
          }}
        >
          <input className="input" aria-label="New dataset name" data-testid="ds-new-name" placeholder="new-dataset-name" value={creating} onChange={(e) => setCreating(e.target.value.trim())} />
          <button className="btn btn-small" data-testid="ds-new" disabled={!validName(creating)}>
            New
          </button>
        </form>
        {list.loading && !list.data && <Loading what="datasets" />}
        {list.error && <ErrorState error={list.error} retry={list.reload} />}
        <ul className="ds-names" data-testid="ds-list">
          {list.data?.map((d) => (
            <li key={d.name}>
              <a
                href={`/datasets/${encodeURIComponent(d.name)}`}
                className={d.name === selected ? 'ds-name on' : 'ds-name'}
                data-testid={`ds-open-${d.name}`}
                onClick={(e) => (e.preventDefault(), open(d.name))}
              >
                <strong>{d.name}</strong>
                <span className="muted">
                  {d.items} items · {d.splits.train}/{d.splits.validation}/{d.splits.test} · <code>{d.hash.slice(0, 8)}</code>
                </span>
              </a>
            </li>
          ))}
          {list.data?.length === 0 && <li className="muted">No datasets yet.</li>}
        </ul>
      </aside>
      <main className="ds-main">
        {!selected ? (
          <div className="state state-empty">
            <strong>Pick a dataset</strong>
            <div>Datasets are mirrored from datasets/*.jsonl by npm start, and grow from the Runs panel's "Add to dataset…".</div>
          </div>
        ) : list.data && !known ? (
          <DatasetEditor key={`new:${selected}`} dataset={{ name: selected, isNew: true }} onSaved={list.reload} />
        ) : (
          <LoadedDataset key={selected} name={selected} onSaved={list.reload} onDeleted={() => (list.reload(), navigate('/datasets'))} />
        )}
      </main>
    </div>
  );
}

function LoadedDataset({ name, onSaved, onDeleted }: { name: string; onSaved: () => void; onDeleted: () => void }) {
  const ds = useAsync(() => datasetTableApi.get(name), [name]);
  if (ds.error) return <ErrorState error={ds.error} retry={ds.reload} />;
  if (!ds.data) return <Loading what={name} />;
  const remove = async () => {
    if (!window.confirm(`Delete the dataset "${name}" from the worker? Its file in git stays.`)) return;
    await datasetTableApi.remove(name);
    onDeleted();
  };
  return (
    <>
      <DatasetEditor dataset={ds.data} onSaved={onSaved} />
      <div className="ds-foot">
        <span className="muted">
          Version {ds.data.version} · updated {new Date(ds.data.updatedAt).toLocaleString()}
        </span>
        <button className="btn btn-small btn-danger" data-testid="ds-delete-dataset" onClick={() => void remove()}>
          Delete dataset
        </button>
      </div>
    </>
  );
}
