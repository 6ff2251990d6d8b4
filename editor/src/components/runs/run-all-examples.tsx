// "Run all examples": runs each of the flow's examples in turn over SSE (the canvas follows the
// one running) and lists how each went. Every run lands in the run log like any other.
import { useRef, useState } from 'react';
import { runFlowStream } from '../../api/run-stream';
import { runReducer, startRun, type RunState } from '../../state/run-state';
import { useEditor } from '../../state/use-editor';
import { ms, preview } from './format';

interface ExampleResult {
  name: string;
  state: RunState;
}

export function RunAllExamples({ onDone }: { onDone?: () => void }) {
  const ed = useEditor();
  const examples = ed.flow.examples ?? [];
  const [results, setResults] = useState<ExampleResult[]>([]);
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);
  if (examples.length < 2) return null;

  const runAll = async () => {
    if (ed.dirty && !(await ed.save())) return;
    setBusy(true);
    setResults([]);
    abort.current = new AbortController();
    const done: ExampleResult[] = [];
    for (const example of examples) {
      if (abort.current.signal.aborted) break;
      let state = startRun(Date.now());
      ed.setRun(state);
      await runFlowStream(ed.flow.id, example.input, (event) => ed.setRun((state = runReducer(state, event))), abort.current.signal).catch(
        (err: Error) => void (state = runReducer(state, { type: 'error', error: { code: 'network', message: err.message } })),
      );
      done.push({ name: example.name, state });
      setResults([...done]);
    }
    setBusy(false);
    onDone?.();
  };

  return (
    <div className="example-results">
      <div className="row">
        <button
          className="btn btn-small"
          data-testid="run-all-examples"
          disabled={busy || ed.run.phase === 'running'}
          onClick={() => void runAll()}
        >
          {busy ? `Running ${results.length + 1} of ${examples.length}…` : `Run all ${examples.length} examples`}
        </button>
        {busy && (
          <button className="btn btn-small btn-ghost" onClick={() => abort.current?.abort()}>
            Stop
          </button>
        )}
      </div>
      {results.length > 0 && (
        <table className="table" data-testid="example-results">
          <tbody>
            {results.map((r) => (
              <tr key={r.name} data-testid={`example-result-${r.name}`} data-phase={r.state.phase}>
                <td>{r.name}</td>
                <td>
                  <span className={`run-badge run-${r.state.phase === 'done' ? 'ok' : 'failed'}`}>
                    {r.state.phase === 'done' ? 'ok' : 'failed'}
                  </span>
                </td>
                <td className="nowrap">{ms(r.state.durationMs)}</td>
                <td>
                  <span className="clamp-1">{r.state.error ? r.state.error.message : preview(r.state.output, 50)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
