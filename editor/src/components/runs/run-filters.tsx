// The runs view's filters: status, source, a node that failed or fell back, feedback, text in
// input or output. Applied by the API (GET /v1/runs).
import { useEffect, useState } from 'react';
import type { RunFilters } from './runs-api';

const sources = ['edge', 'chat', 'editor', 'eval', 'experiment'];

export function RunFiltersBar(props: { nodeIds: string[]; value: RunFilters; onChange: (f: RunFilters) => void }) {
  const f = props.value;
  const [text, setText] = useState(f.q ?? '');
  // Search as the user pauses typing, not on every key.
  useEffect(() => {
    const t = setTimeout(() => text !== (f.q ?? '') && props.onChange({ ...f, q: text || undefined }), 300);
    return () => clearTimeout(t);
  }, [text, f, props]);
  const node = f.failedNode ? `failed:${f.failedNode}` : f.fellBackNode ? `fell_back:${f.fellBackNode}` : '';
  return (
    <div className="runs-filters">
      <select
        className="input"
        data-testid="runs-filter-status"
        value={f.status ?? ''}
        onChange={(e) => props.onChange({ ...f, status: (e.target.value || undefined) as RunFilters['status'] })}
      >
        <option value="">all statuses</option>
        <option value="ok">ok</option>
        <option value="failed">failed</option>
      </select>
      <select
        className="input"
        data-testid="runs-filter-source"
        value={f.source ?? ''}
        onChange={(e) => props.onChange({ ...f, source: e.target.value || undefined })}
      >
        <option value="">all sources</option>
        {sources.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select
        className="input"
        data-testid="runs-filter-node"
        value={node}
        onChange={(e) => {
          const [kind, id] = e.target.value.split(':');
          props.onChange({ ...f, failedNode: kind === 'failed' ? id : undefined, fellBackNode: kind === 'fell_back' ? id : undefined });
        }}
      >
        <option value="">any node</option>
        <option value="failed:*">a node failed</option>
        <option value="fell_back:*">a node fell back</option>
        {props.nodeIds.flatMap((id) => [
          <option key={`f${id}`} value={`failed:${id}`}>
            {id} failed
          </option>,
          <option key={`b${id}`} value={`fell_back:${id}`}>
            {id} fell back
          </option>,
        ])}
      </select>
      <select
        className="input"
        data-testid="runs-filter-feedback"
        value={f.corrected ? 'corrected' : (f.thumbs ?? '')}
        onChange={(e) => {
          const v = e.target.value;
          props.onChange({
            ...f,
            thumbs: v === 'up' || v === 'down' ? v : undefined,
            corrected: v === 'corrected' ? 'true' : undefined,
          });
        }}
      >
        <option value="">any feedback</option>
        <option value="down">thumbs down</option>
        <option value="up">thumbs up</option>
        <option value="corrected">corrected</option>
      </select>
      <input
        className="input"
        data-testid="runs-filter-text"
        placeholder="Text in input or output"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </div>
  );
}
