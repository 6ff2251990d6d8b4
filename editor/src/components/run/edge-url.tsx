// The flow's edge URL and a ready curl command, each with a copy button.
import { useState } from 'react';
import type { Flow } from '../../engine';

export function curlCommand(flow: Flow, origin: string, input: unknown): string {
  const auth = flow.public ? '' : ` \\\n  -H "Authorization: Bearer $WEIR_INVOKE_KEY"`;
  const body = JSON.stringify({ input }).replace(/'/g, `'\\''`);
  return `curl -X POST ${origin}/v1/flows/${flow.id}/run${auth} \\\n  -H "Content-Type: application/json" \\\n  -d '${body}'`;
}

function CopyButton({ text, label, testId }: { text: string; label: string; testId: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      className="btn btn-small"
      data-testid={testId}
      onClick={() => {
        void navigator.clipboard?.writeText(text).catch(() => undefined);
        setDone(true);
        setTimeout(() => setDone(false), 1500);
      }}
    >
      {done ? 'Copied' : label}
    </button>
  );
}

export function EdgeUrl({ flow, input }: { flow: Flow; input: unknown }) {
  const url = `${window.location.origin}/v1/flows/${flow.id}/run`;
  const curl = curlCommand(flow, window.location.origin, input);
  return (
    <div className="edge-url">
      <div className="row">
        <code className="code-inline grow" data-testid="edge-url">
          {url}
        </code>
        <CopyButton text={url} label="Copy edge URL" testId="copy-url" />
      </div>
      <pre className="code-block" data-testid="curl">
        {curl}
      </pre>
      <CopyButton text={curl} label="Copy curl" testId="copy-curl" />
    </div>
  );
}
