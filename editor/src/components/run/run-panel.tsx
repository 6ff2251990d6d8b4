// The run panel: input from the declaration and examples, Run over SSE with nodes lighting up,
// the final output, the selected node's trace, and the edge URL with a curl command.
import { useEffect, useRef, useState } from 'react';
import { runFlowStream } from '../../api/run-stream';
import { runReducer, startRun } from '../../state/run-state';
import { useEditor } from '../../state/use-editor';
import { RecentRuns } from '../runs/recent-runs';
import { RunAllExamples } from '../runs/run-all-examples';
import { RunLogNote } from '../runs/run-log-note';
import { releaseText } from '../releases/release-chip';
import { EdgeUrl } from './edge-url';
import { NodeTrace } from './node-trace';
import { RunInputForm, inputFromValues, valuesFromInput, type InputValues } from './run-input-form';

export function RunPanel() {
  const ed = useEditor();
  const flow = ed.flow;
  const examples = flow.examples ?? [];
  const [values, setValues] = useState<InputValues>(() => (examples[0] ? valuesFromInput(flow, examples[0].input) : {}));
  const [formError, setFormError] = useState<string>();
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const run = ed.run;
  let input: unknown = {};
  try {
    input = inputFromValues(flow, values);
  } catch {
    // shown when Run is pressed
  }

  const start = async () => {
    let body: Record<string, unknown>;
    try {
      body = inputFromValues(flow, values);
      setFormError(undefined);
    } catch (err) {
      return setFormError((err as Error).message);
    }
    if (ed.dirty && !(await ed.save())) return setFormError('Save failed: fix it before running.');
    abort.current?.abort();
    abort.current = new AbortController();
    let state = startRun(Date.now());
    ed.setRun(state);
    await runFlowStream(flow.id, body, (event) => ed.setRun((state = runReducer(state, event))), abort.current.signal).catch(
      (err: Error) => {
        if (err.name !== 'AbortError')
          ed.setRun((state = runReducer(state, { type: 'error', error: { code: 'network', message: err.message } })));
      },
    );
  };

  const selectedId = ed.selectedNodes.size === 1 ? [...ed.selectedNodes][0] : undefined;
  const entry = run.trace.find((t) => t.nodeId === selectedId);
  return (
    <div className="run-panel" data-testid="run-panel">
      {examples.length > 0 && (
        <label className="field">
          <div className="field-label">Example</div>
          <select
            className="input"
            data-testid="run-example"
            onChange={(e) => e.target.value !== '' && setValues(valuesFromInput(flow, examples[Number(e.target.value)].input))}
          >
            {examples.map((x, i) => (
              <option key={i} value={i}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <RunInputForm flow={flow} values={values} onChange={setValues} />
      {formError && <div className="field-error">{formError}</div>}
      <div className="row">
        <button className="btn btn-primary" data-testid="run-button" disabled={run.phase === 'running'} onClick={() => void start()}>
          {run.phase === 'running' ? 'Running…' : ed.dirty ? 'Save & run' : 'Run'}
        </button>
        {run.phase === 'running' && (
          <button className="btn" onClick={() => abort.current?.abort()}>
            Stop
          </button>
        )}
        {run.phase !== 'idle' && run.phase !== 'running' && (
          <button className="btn btn-ghost" onClick={() => ed.setRun({ ...startRun(0), phase: 'idle' })}>
            Clear
          </button>
        )}
      </div>
      <RunAllExamples />
      {run.fromLog && <RunLogNote run={run} />}
      {run.phase !== 'idle' && (
        <div className={`run-result phase-${run.phase}`} data-testid="run-result" data-phase={run.phase}>
          <div className="field-label">
            {run.phase === 'running' ? 'Running' : run.phase === 'done' ? 'Output' : 'Failed'}
            {run.durationMs !== undefined && <span className="field-type"> {run.durationMs} ms</span>}
            {run.usage && <span className="field-type"> · {run.usage.inputTokens + run.usage.outputTokens} tokens</span>}
          </div>
          {run.error && (
            <div className="field-error">
              {run.error.nodeId ? `${run.error.nodeId}: ` : ''}
              {run.error.message}
            </div>
          )}
          {run.phase === 'running' && run.tokens && <pre className="code-block">{run.tokens}</pre>}
          {run.output !== undefined && (
            <pre className="code-block" data-testid="run-output">
              {typeof run.output === 'string' ? run.output : JSON.stringify(run.output, null, 2)}
            </pre>
          )}
        </div>
      )}
      {entry ? (
        <NodeTrace entry={entry} />
      ) : (
        run.trace.length > 0 && <div className="field-help">Click a node to see its prompt, output, tokens and latency.</div>
      )}
      <RecentRuns />
      <div className="field-label section">Call it</div>
      <ServedNote />
      <EdgeUrl flow={flow} input={input} />
    </div>
  );
}

/** Run runs the draft; the edge URL serves a published version once there is one. Say which. */
function ServedNote() {
  const ed = useEditor();
  const text = releaseText(ed.releases.info, ed.dirty);
  return (
    <div className={`served-note tone-${text.tone}`} data-testid="run-serves">
      {text.long}
    </div>
  );
}
