// The flows list: name, description, last change and problems; search, create, import, open,
// export, duplicate, rename (optionally with a new id) and delete.
import { useRef, useState } from 'react';
import { api as apiCalls } from '../../api/endpoints';
import { api } from '../../api/endpoints';
import { deleteFlow } from '../../api/save-flow';
import type { FlowSummary } from '../../api/types';
import { navigate } from '../../router';
import { runsApi } from '../runs/runs-api';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { createFlow, duplicateFlow, importFlow, renameFlow } from './flow-actions';
import { downloadFlow, readFlowFile } from './flow-files';
import { FlowRow } from './flow-row';

export function FlowList() {
  const flows = useAsync(() => api.listFlows(), []);
  // Runs today per flow, from the run log; the list shows without it if the log is unavailable.
  const runStats = useAsync(() => runsApi.today().catch(() => []), []);
  const statsOf = (id: string) => runStats.data?.find((s) => s.flowId === id);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<string>();
  const file = useRef<HTMLInputElement>(null);
  const taken = new Set((flows.data ?? []).map((f) => f.id));
  const act = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await fn();
      flows.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const q = query.trim().toLowerCase();
  const shown = [...(flows.data ?? [])]
    .filter((f) => !q || `${f.name} ${f.id} ${f.description}`.toLowerCase().includes(q))
    .sort((a, b) => a.name.localeCompare(b.name));
  const importFile = async (f: File) => {
    const read = readFlowFile(await f.text());
    if ('error' in read) throw new Error(`${f.name} is ${read.error}`);
    const replace = taken.has(read.flow.id) && window.confirm(`A flow "${read.flow.id}" exists. Replace it? (Cancel imports a copy.)`);
    const stored = await importFlow(read.flow, taken, replace);
    const errors = read.problems.filter((p) => p.severity === 'error').length;
    setNotice(`Imported ${f.name} as "${stored.id}"${errors ? `, a draft with ${errors} problem(s)` : ''}.`);
  };
  return (
    <section className="list-page">
      <div className="page-head">
        <div>
          <h1>Flows</h1>
          <p className="muted">Each flow is a file in flows/ and an endpoint at /v1/flows/&lt;id&gt;/run.</p>
        </div>
        <div className="row">
          <button className="btn" data-testid="import-flow" onClick={() => file.current?.click()}>
            Import…
          </button>
          <input
            ref={file}
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="import-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void act(() => importFile(f));
            }}
          />
          <button className="btn btn-primary" data-testid="new-flow" onClick={() => setCreating(true)}>
            New flow
          </button>
        </div>
      </div>
      <div className="list-tools">
        <label htmlFor="flow-search" className="sr-only">
          Search flows
        </label>
        <input
          id="flow-search"
          type="search"
          className="input search"
          placeholder="Search flows by name, id or description"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="flow-search"
        />
      </div>
      {notice && (
        <div className="notice" role="status" data-testid="flow-notice">
          {notice}
        </div>
      )}
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
            {shown.map((f: FlowSummary) => (
              <FlowRow
                key={f.id}
                flow={f}
                runStats={statsOf(f.id)}
                onDuplicate={() => act(async () => duplicateFlow(f.id, taken))}
                onRename={(n, newId) => act(() => renameFlow(f.id, n, newId, taken))}
                onExport={() => act(async () => downloadFlow((await apiCalls.getFlow(f.id)).flow))}
                onDelete={() => act(() => deleteFlow(f.id))}
              />
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={5} className="muted" data-testid="no-match">
                  No flow matches "{query}".
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
