// "Add to dataset…" for the runs selected in the Runs view: a dataset name (an existing one or a
// new name), the split and, for node-level items, the node; then what was added, what was already
// there and which runs were refused, with the reason.
import { useEffect, useState } from 'react';
import { datasetsApi, type DatasetSummary, type FromRunsAnswer, type FromRunsRequest } from './datasets-api';

const validName = (name: string) => /^[a-z0-9][a-z0-9_-]*$/.test(name) && name.length <= 64;

export function AddToDataset(props: { selected: string[]; nodeIds: string[]; defaultName: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [datasets, setDatasets] = useState<DatasetSummary[]>([]);
  const [name, setName] = useState(props.defaultName);
  const [split, setSplit] = useState<FromRunsRequest['split'] | ''>('');
  const [node, setNode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [answer, setAnswer] = useState<FromRunsAnswer & { name: string }>();

  useEffect(() => {
    if (open) datasetsApi.list().then(setDatasets, () => setDatasets([]));
  }, [open]);

  async function add() {
    setBusy(true);
    setError(undefined);
    try {
      const body: FromRunsRequest = { runs: props.selected, ...(split ? { split } : {}), ...(node ? { nodeId: node } : {}) };
      setAnswer({ ...(await datasetsApi.fromRuns(name, body)), name });
      props.onDone();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const exists = datasets.some((d) => d.name === name);
  return (
    <div className="add-to-dataset" data-testid="add-to-dataset">
      <div className="row">
        <span className="muted" data-testid="runs-selected-count">
          {props.selected.length} selected
        </span>
        <button
          className="btn btn-small"
          data-testid="add-to-dataset-open"
          disabled={!props.selected.length}
          onClick={() => setOpen((o) => !o)}
        >
          Add to dataset…
        </button>
      </div>
      {open && (
        <div className="add-to-dataset-form">
          <label>
            Dataset
            <input
              className="input"
              data-testid="add-to-dataset-name"
              list="weir-datasets"
              value={name}
              onChange={(e) => setName(e.target.value.trim())}
            />
            <datalist id="weir-datasets">
              {datasets.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.items} items
                </option>
              ))}
            </datalist>
          </label>
          <span className="field-help" data-testid="add-to-dataset-target">
            {!validName(name)
              ? 'lowercase letters, digits, "-" and "_"'
              : exists
                ? `adds to ${name} (${datasets.find((d) => d.name === name)!.items} items)`
                : `creates ${name}`}
          </span>
          <label>
            Split
            <select
              className="input"
              data-testid="add-to-dataset-split"
              value={split}
              onChange={(e) => setSplit(e.target.value as typeof split)}
            >
              <option value="">none</option>
              <option value="train">train</option>
              <option value="validation">validation</option>
              <option value="test">test</option>
            </select>
          </label>
          <label>
            Items
            <select className="input" data-testid="add-to-dataset-node" value={node} onChange={(e) => setNode(e.target.value)}>
              <option value="">the whole run (input → answer)</option>
              {props.nodeIds.map((id) => (
                <option key={id} value={id}>
                  node {id} (its messages → its answer)
                </option>
              ))}
            </select>
          </label>
          <button
            className="btn btn-small btn-primary"
            data-testid="add-to-dataset-submit"
            disabled={busy || !validName(name) || !props.selected.length}
            onClick={() => void add()}
          >
            Add {props.selected.length} run{props.selected.length === 1 ? '' : 's'}
          </button>
          {error && <div className="field-error">{error}</div>}
        </div>
      )}
      {answer && <AddedReport answer={answer} />}
    </div>
  );
}

function AddedReport({ answer }: { answer: FromRunsAnswer & { name: string } }) {
  return (
    <div className="add-to-dataset-result" data-testid="add-to-dataset-result" role="status">
      <div data-testid="add-to-dataset-summary">
        {answer.added.length} added to {answer.name}
        {answer.present.length ? `, ${answer.present.length} already there` : ''}
        {answer.refused.length ? `, ${answer.refused.length} refused` : ''}
        {answer.dataset ? ` · now ${answer.dataset.items} items, hash ${answer.dataset.hash.slice(0, 12)}` : ''}
      </div>
      {answer.refused.length > 0 && (
        <ul className="add-to-dataset-refused" data-testid="add-to-dataset-refused">
          {answer.refused.map((r) => (
            <li key={`${r.runId}:${r.nodeId ?? ''}`} data-run={r.runId}>
              {r.runId.slice(0, 8)}: {r.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
