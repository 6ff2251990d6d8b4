// The flows list: name, description, last change and problems; create, open, duplicate,
// rename and delete.
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { deleteFlow } from '../../api/save-flow';
import type { FlowSummary } from '../../api/types';
import { navigate } from '../../router';
import { runsApi } from '../runs/runs-api';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { createFlow, duplicateFlow, renameFlow } from './flow-actions';
import { FlowRow } from './flow-row';

export function FlowList() {
  const flows = useAsync(() => api.listFlows(), []);
  // Runs today per flow, from the run log; the list shows without it if the log is unavailable.
  const runStats = useAsync(() => runsApi.today().catch(() => []), []);
  const statsOf = (id: string) => runStats.data?.find((s) => s.flowId === id);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const taken = new Set((flows.data ?? []).map((f) => f.id));
  const act = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      flows.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section className="list-page">
      <div className="page-head">
        <div>
          <h1>Flows</h1>
          <p className="muted">Each flow is a file in flows/ and an endpoint at /v1/flows/&lt;id&gt;/run.</p>
        </div>
        <button className="btn btn-primary" data-testid="new-flow" onClick={() => setCreating(true)}>
          New flow
        </button>
      </div>
      {creating && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act(async () => navigate(`/flows/${(await createFlow(name.trim(), taken)).id}`));
          }}
        >
          <input className="input" autoFocus placeholder="Flow name, e.g. Support triage" data-testid="new-flow-name" value={name} onChange={(e) => setName(e.target.value)} />
          <button className="btn btn-primary" disabled={!name.trim()} data-testid="new-flow-create">
            Create
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => setCreating(false)}>
            Cancel
          </button>
        </form>
      )}
      {error && <ErrorState error={error} />}
      {flows.loading && !flows.data && <Loading what="flows" />}
      {flows.error && <ErrorState error={flows.error} retry={flows.reload} />}
      {flows.data?.length === 0 && <Empty title="No flows yet">Create one with New flow, or add a file to flows/ and restart.</Empty>}
      {!!flows.data?.length && (
        <table className="table" data-testid="flow-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Description</th>
              <th>Last change</th>
              <th>Problems</th>
              <th>Today</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {[...flows.data].sort((a, b) => a.name.localeCompare(b.name)).map((f: FlowSummary) => (
              <FlowRow
                key={f.id}
                flow={f}
                runStats={statsOf(f.id)}
                onDuplicate={() => act(async () => duplicateFlow(f.id, taken))}
                onRename={(n) => act(() => renameFlow(f.id, n))}
                onDelete={() => act(() => deleteFlow(f.id))}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
