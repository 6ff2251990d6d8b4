// The engine's semantic diff of two flow versions, side by side: one row per change, the "from"
// side on the left and the "to" side on the right.
import type { FlowDiff, ValueChange } from '../../engine';

const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, 1));

interface Row {
  what: string;
  before?: string;
  after?: string;
  kind: 'added' | 'removed' | 'changed';
}

function rows(diff: FlowDiff): Row[] {
  const out: Row[] = [];
  const value = (prefix: string, c: ValueChange) =>
    out.push({ what: `${prefix}${c.path}`, before: show(c.before), after: show(c.after), kind: c.kind });
  diff.flow.forEach((c) => value('flow · ', c));
  for (const n of diff.nodes.added) out.push({ what: `node ${n.id}`, after: `${n.type} node added`, kind: 'added' });
  for (const n of diff.nodes.removed) out.push({ what: `node ${n.id}`, before: `${n.type} node`, kind: 'removed' });
  for (const n of diff.nodes.changed) n.changes.forEach((c) => value(`${n.id} · `, c));
  for (const e of diff.edges.added) out.push({ what: 'edge', after: `${e.source}.${e.sourceHandle} → ${e.target}`, kind: 'added' });
  for (const e of diff.edges.removed) out.push({ what: 'edge', before: `${e.source}.${e.sourceHandle} → ${e.target}`, kind: 'removed' });
  for (const e of diff.edges.rewired)
    out.push({ what: `edge ${e.source}.${e.sourceHandle}`, before: `→ ${e.before}`, after: `→ ${e.after}`, kind: 'changed' });
  for (const p of diff.prompts.added) out.push({ what: 'prompt', after: p, kind: 'added' });
  for (const p of diff.prompts.removed) out.push({ what: 'prompt', before: p, kind: 'removed' });
  return out;
}

export function FlowDiffView({ diff, fromLabel, toLabel }: { diff: FlowDiff; fromLabel: string; toLabel: string }) {
  const list = rows(diff);
  const moved = diff.nodes.moved.length;
  return (
    <div className="flow-diff" data-testid="flow-diff">
      {list.length === 0 ? (
        <div className="field-help" data-testid="diff-same">
          {fromLabel} and {toLabel} are the same{moved ? ` apart from ${moved} node position(s)` : ''}.
        </div>
      ) : (
        <table className="diff-table">
          <thead>
            <tr>
              <th>What</th>
              <th>{fromLabel}</th>
              <th>{toLabel}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((r, i) => (
              <tr key={i} className={`diff-${r.kind}`} data-testid="diff-row">
                <td className="diff-what">
                  <code>{r.what}</code>
                </td>
                <td className="diff-before">
                  <pre>{r.before}</pre>
                </td>
                <td className="diff-after">
                  <pre>{r.after}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.length > 0 && moved > 0 && <div className="field-help">…and {moved} node(s) moved on the canvas.</div>}
    </div>
  );
}
