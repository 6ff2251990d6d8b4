// One row of the flows list, with inline rename (optionally moving the flow to a new id, with a
// warning) and a two-step delete.
import { useState } from 'react';
import { slugify } from '../../state/flow-edit';
import type { FlowSummary } from '../../api/types';
import { navigate } from '../../router';
import { FlowRunStats } from '../runs/flow-run-stats';
import type { FlowSummary as RunStats } from '../runs/runs-api';

export function timeAgo(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(s)) return '—';
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
}

export function FlowRow(props: {
  flow: FlowSummary;
  runStats?: RunStats;
  onDuplicate: () => void;
  onRename: (name: string, newId?: string) => void;
  onExport: () => void;
  onDelete: () => void;
}) {
  const f = props.flow;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(f.name);
  const [confirm, setConfirm] = useState(false);
  const [moveId, setMoveId] = useState(false);
  const newId = slugify(name) || f.id;
  const count = Array.isArray(f.problems) ? f.problems.filter((p) => p.severity === 'error').length : Number(f.problems ?? 0);
  const open = () => navigate(`/flows/${encodeURIComponent(f.id)}`);
  return (
    <tr data-testid={`flow-row-${f.id}`}>
      <td>
        {renaming ? (
          <form
            onSubmit={(e) => (e.preventDefault(), setRenaming(false), props.onRename(name, moveId ? newId : undefined))}
            className="rename-form"
          >
            <div className="row">
              <input
                className="input"
                autoFocus
                aria-label="New name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                data-testid="rename-input"
              />
              <button className="btn btn-small btn-primary" data-testid="rename-save">
                Save
              </button>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setRenaming(false)}>
                Cancel
              </button>
            </div>
            {newId !== f.id && (
              <label className="field-inline" htmlFor={`move-id-${f.id}`}>
                <input id={`move-id-${f.id}`} type="checkbox" checked={moveId} onChange={(e) => setMoveId(e.target.checked)} data-testid="rename-id" />
                Also change the id to <code>{newId}</code>
              </label>
            )}
            {moveId && newId !== f.id && (
              <div className="field-warn" role="alert" data-testid="rename-id-warning">
                The file moves from flows/{f.id}.json to flows/{newId}.json and the edge URL from /v1/flows/{f.id}/run to /v1/flows/
                {newId}/run: callers of the old URL get 404, and the old id's published versions stay behind.
              </div>
            )}
          </form>
        ) : (
          <a className="flow-name" href={`/flows/${f.id}`} onClick={(e) => (e.preventDefault(), open())}>
            {f.name}
            <code className="flow-id">{f.id}</code>
          </a>
        )}
      </td>
      <td className="muted">
        <div className="clamp">{f.description || '—'}</div>
      </td>
      <td className="nowrap muted">{timeAgo(f.updatedAt)}</td>
      <td>{count ? <span className="pill pill-bad">{count} {count === 1 ? 'problem' : 'problems'}</span> : <span className="pill pill-ok">valid</span>}</td>
      <td>
        <FlowRunStats stats={props.runStats} />
      </td>
      <td className="actions nowrap">
        <button className="btn btn-small" onClick={open}>Open</button>
        <button className="btn btn-small btn-ghost" onClick={props.onExport} data-testid={`export-${f.id}`}>
          Export
        </button>
        <button className="btn btn-small btn-ghost" onClick={props.onDuplicate}>Duplicate</button>
        <button className="btn btn-small btn-ghost" onClick={() => setRenaming(true)} data-testid={`rename-${f.id}`}>
          Rename
        </button>
        {confirm ? (
          <button className="btn btn-small btn-danger" onClick={props.onDelete} onBlur={() => setConfirm(false)} autoFocus>
            Really delete?
          </button>
        ) : (
          <button className="btn btn-small btn-ghost" onClick={() => setConfirm(true)}>Delete</button>
        )}
      </td>
    </tr>
  );
}
