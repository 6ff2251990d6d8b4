// A node's outgoing connections in the inspector, so wiring works from the keyboard too: each
// edge with a remove button, and a form to connect one of the node's handles to another node.
import { useState } from 'react';
import { MAIN_HANDLE, nodeRegistry, type FlowNode } from '../../engine';
import { connect, edgeKey, removeElements } from '../../state/flow-edit';
import { handlesOf } from '../../state/node-handles';
import { useEditor } from '../../state/use-editor';

export function NodeConnections({ node }: { node: FlowNode }) {
  const ed = useEditor();
  const handles = handlesOf(node.type, node.data);
  const [handle, setHandle] = useState(handles[0]?.id ?? MAIN_HANDLE);
  const [target, setTarget] = useState('');
  const outgoing = ed.flow.edges.filter((e) => e.source === node.id);
  const targets = ed.flow.nodes.filter((n) => n.id !== node.id && nodeRegistry.get(n.type)?.acceptsInput !== false);
  if (!handles.length) return null;
  return (
    <div className="field" data-testid="node-connections">
      <div className="panel-title" id={`conn-${node.id}`}>
        Connections
      </div>
      <ul className="plain conn-list" aria-labelledby={`conn-${node.id}`}>
        {outgoing.map((e) => (
          <li key={edgeKey(e)} className="row">
            <code className="grow">
              {e.sourceHandle ?? MAIN_HANDLE} → {e.target}
            </code>
            <button
              className="icon-btn"
              aria-label={`Remove the connection ${e.sourceHandle ?? MAIN_HANDLE} to ${e.target}`}
              onClick={() => ed.update((f) => removeElements(f, [], [edgeKey(e)]))}
            >
              ×
            </button>
          </li>
        ))}
        {!outgoing.length && <li className="muted">Not connected to anything yet.</li>}
      </ul>
      <div className="row">
        {handles.length > 1 && (
          <select
            className="input input-narrow"
            aria-label="From handle"
            value={handle}
            onChange={(e) => setHandle(e.target.value)}
            data-testid="connect-handle"
          >
            {handles.map((h) => (
              <option key={h.id} value={h.id}>
                {h.label}
              </option>
            ))}
          </select>
        )}
        <select
          className="input"
          aria-label="Connect to node"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          data-testid="connect-target"
        >
          <option value="">connect to…</option>
          {targets.map((n) => (
            <option key={n.id} value={n.id}>
              {n.id}
            </option>
          ))}
        </select>
        <button
          className="btn btn-small"
          disabled={!target}
          data-testid="connect-add"
          onClick={() => {
            ed.update((f) => connect(f, node.id, handle, target));
            setTarget('');
          }}
        >
          Connect
        </button>
      </div>
    </div>
  );
}
