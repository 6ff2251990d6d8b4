// What one node did in the last run: status, latency, tokens, the rendered prompt and its output.
import type { TraceEntry } from '../../engine';
import { usd } from '../runs/format';

const fmt = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));

export function NodeTrace({ entry }: { entry: TraceEntry }) {
  return (
    <div className="trace" data-testid={`trace-${entry.nodeId}`}>
      <div className="trace-head">
        <strong>{entry.nodeId}</strong>
        <span className={`run-badge run-${entry.status}`}>{entry.status.replace('_', ' ')}</span>
      </div>
      <dl className="facts">
        {entry.durationMs !== undefined && (
          <>
            <dt>Latency</dt>
            <dd>{entry.durationMs} ms</dd>
          </>
        )}
        {entry.tokens && (
          <>
            <dt>Tokens</dt>
            <dd>
              {entry.tokens.inputTokens} in · {entry.tokens.outputTokens} out
            </dd>
          </>
        )}
        {'costUsd' in entry && (
          <>
            <dt>Cost</dt>
            <dd>{usd((entry as { costUsd?: number | null }).costUsd)}</dd>
          </>
        )}
        {entry.model && (
          <>
            <dt>Model</dt>
            <dd>
              {entry.provider ? `${entry.provider} · ` : ''}
              {entry.model}
              {entry.echo ? ' (echo)' : ''}
            </dd>
          </>
        )}
        {entry.prompt && (
          <>
            <dt>Prompt</dt>
            <dd>
              {entry.prompt.ref} → v{entry.prompt.version}
            </dd>
          </>
        )}
        {entry.handle && (
          <>
            <dt>Took</dt>
            <dd>{entry.handle}</dd>
          </>
        )}
      </dl>
      {entry.error && (
        <div className="field-error">
          {entry.error.code}: {entry.error.message}
        </div>
      )}
      {entry.messages?.map((m, i) => (
        <div key={i} className="message">
          <div className="message-role">{m.role}</div>
          <pre className="code-block">{m.content}</pre>
        </div>
      ))}
      {entry.output !== undefined && (
        <>
          <div className="field-label">Output</div>
          <pre className="code-block">{fmt(entry.output)}</pre>
        </>
      )}
    </div>
  );
}
