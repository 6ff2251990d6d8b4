// The dataset table's read-only cells: a node-level item's messages, the item's own checks, and
// the run it came from.
import { preview } from '../runs/format';

export function NodeItem({ item }: { item: Record<string, unknown> }) {
  const messages = item.messages as { role: string; content: string }[];
  return (
    <span className="ds-node-item" title={messages.map((m) => `${m.role}: ${m.content}`).join('\n\n')}>
      node <code>{String(item.node ?? '?')}</code> · {messages.length} message{messages.length === 1 ? '' : 's'}:{' '}
      <span className="muted">{preview(messages[messages.length - 1]?.content ?? '', 60)}</span>
    </span>
  );
}

/** The item's own assertions (kept as they are; edit them in the file or with `weir dataset push`). */
export function ChecksText({ checks }: { checks: unknown }) {
  if (!Array.isArray(checks) || !checks.length) return <span className="muted">—</span>;
  const list = checks as { type?: string; metric?: string; not?: boolean }[];
  return (
    <span className="ds-checks" title={list.map((c) => `${c.not ? 'not ' : ''}${c.type}${c.metric ? `: ${c.metric}` : ''}`).join('\n')}>
      {list.length} check{list.length === 1 ? '' : 's'}
    </span>
  );
}

export function SourceText({ source }: { source: unknown }) {
  if (!source || typeof source !== 'object') return <span className="muted">—</span>;
  const s = source as { runId?: string; nodeId?: string };
  return (
    <code className="ds-source" title={`run ${s.runId}${s.nodeId ? `, node ${s.nodeId}` : ''}`}>
      {s.runId?.slice(0, 8)}
      {s.nodeId ? ` · ${s.nodeId}` : ''}
    </code>
  );
}
