// The Experiments view of a flow: its experiments (the running one first), a form for a new one,
// and the selected experiment's live results, charts, weights and promote.
import { useEffect, useState } from 'react';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { ExperimentDetail } from './experiment-detail';
import { ExperimentForm } from './experiment-form';
import { experimentsApi, type Experiment } from './experiments-api';
import '../finetunes/common.css';
import './experiments.css';

const ORDER = { running: 0, draft: 1, stopped: 2, promoted: 3 } as const;

export function ExperimentsView({ flowId }: { flowId: string }) {
  const list = useAsync(() => experimentsApi.list(flowId), [flowId]);
  const [selected, setSelected] = useState<string>();
  const [creating, setCreating] = useState(false);
  const sorted = [...(list.data ?? [])].sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.createdAt.localeCompare(a.createdAt));
  useEffect(() => {
    if (list.data && !selected && sorted[0]) setSelected(sorted[0].id);
    if (list.data && !list.data.length) setCreating(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- pick once the list arrives
  }, [list.data]);
  const created = (e: Experiment) => {
    setCreating(false);
    setSelected(e.id);
    list.reload();
  };
  return (
    <div className="experiments" data-testid="experiments">
      <aside className="experiment-list" aria-label="Experiments">
        <div className="row between">
          <h1>Experiments</h1>
          <button className="btn btn-small btn-primary" onClick={() => setCreating(true)} data-testid="new-experiment">
            New…
          </button>
        </div>
        <p className="muted">Split this flow's live traffic between versions, measure each arm, promote the winner.</p>
        {list.error && <ErrorState error={list.error} retry={list.reload} />}
        {!list.data && !list.error && <Loading what="experiments" />}
        {list.data?.length === 0 && !creating && <Empty title="No experiment yet" />}
        <ul className="list">
          {sorted.map((e) => (
            <li key={e.id}>
              <button
                className={`list-item exp-item ${!creating && selected === e.id ? 'on' : ''}`}
                onClick={() => (setSelected(e.id), setCreating(false))}
                aria-current={!creating && selected === e.id}
                data-testid={`exp-item-${e.id}`}
              >
                <span className="list-item-title">{e.id}</span>
                <span className={`pill exp-status exp-${e.status}`}>{e.status}</span>
                <span className="muted">{e.arms.map((a) => `${a.name} ${a.weight}`).join(' · ')}</span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="experiment-main">
        {creating ? (
          <ExperimentForm flowId={flowId} onCreated={created} onCancel={() => setCreating(false)} />
        ) : selected ? (
          <ExperimentDetail key={selected} id={selected} onChanged={list.reload} />
        ) : (
          list.data && <Empty title="Choose an experiment, or create one" />
        )}
      </section>
    </div>
  );
}
