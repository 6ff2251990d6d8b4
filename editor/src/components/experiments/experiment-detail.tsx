// One experiment: status and actions (start, stop, promote), weights (compare-and-set on its
// version), the live per-arm table and charts, and how to send it traffic.
import { useEffect, useState } from 'react';
import { useEditor } from '../../state/use-editor';
import { ErrorState, Loading } from '../ui/states';
import { ArmCharts } from './arm-charts';
import { ArmResultsTable } from './arm-results-table';
import { experimentsApi, type Experiment } from './experiments-api';
import { PromoteDialog } from './promote-dialog';
import { recommend } from './recommend';
import { useLiveResults } from './use-live-results';
import { WeightsEditor } from './weights-editor';

export function ExperimentDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const ed = useEditor();
  const live = useLiveResults(id);
  const [promoting, setPromoting] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setMessage(undefined), [id]);
  if (!live.data) return live.error ? <ErrorState error={live.error} retry={live.reload} /> : <Loading what={`experiment ${id}`} />;
  const { experiment: exp, arms, minSamples } = live.data;
  const rec = recommend(arms, minSamples);
  const act = async (what: string, fn: () => Promise<Experiment>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await fn();
      setMessage({ ok: true, text: what });
      live.reload();
      onChanged();
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
      live.reload();
    } finally {
      setBusy(false);
    }
  };
  const total = arms.reduce((s, a) => s + a.runs, 0);
  return (
    <div className="experiment-detail" data-testid="experiment-detail" data-status={exp.status}>
      <div className="page-head">
        <div>
          <h2 className="experiment-title">
            {exp.id}{' '}
            <span className={`pill exp-status exp-${exp.status}`} data-testid="exp-status">
              {exp.status}
            </span>
            {exp.status === 'running' && <span className="live-dot" title="results update every 3 s" aria-label="live" />}
          </h2>
          <p className="muted">
            {exp.description ? `${exp.description} · ` : ''}
            {total} run{total === 1 ? '' : 's'} · subject:{' '}
            {exp.subjectField ? `input field "${exp.subjectField}"` : 'Weir-Subject header or caller key'}
            {exp.shadow && ` · shadow ${exp.shadow.ref} on ${Math.round(exp.shadow.sample * 100)}%`} · guardrail{' '}
            {Math.round(exp.guardrail.maxErrorRate * 100)}% errors after {exp.guardrail.minRuns} runs
          </p>
        </div>
        <div className="row">
          {(exp.status === 'draft' || exp.status === 'stopped') && (
            <button
              className="btn btn-primary"
              disabled={busy}
              onClick={() => void act('Started: unpinned traffic is split now.', () => experimentsApi.start(exp.id, exp.version))}
              data-testid="exp-start"
            >
              {exp.status === 'stopped' ? 'Restart' : 'Start'}
            </button>
          )}
          {exp.status === 'running' && (
            <button
              className="btn"
              disabled={busy}
              onClick={() => void act('Stopped: all traffic is back on the label.', () => experimentsApi.stop(exp.id, exp.version))}
              data-testid="exp-stop"
            >
              Stop
            </button>
          )}
          {exp.status !== 'promoted' && (
            <button className="btn btn-primary" disabled={busy} onClick={() => setPromoting(true)} data-testid="exp-promote">
              Promote…
            </button>
          )}
        </div>
      </div>
      {message && (
        <p className={message.ok ? 'field-ok' : 'field-error'} role="status" data-testid="exp-message">
          {message.text}
        </p>
      )}
      {exp.status === 'promoted' && (
        <p className="notice" data-testid="exp-promoted">
          Promoted {exp.promotedArm}: production runs its version. Roll back in Releases by moving the label.
        </p>
      )}
      <p className={`verdict ${rec.arm ? 'verdict-yes' : ''}`} data-testid="exp-verdict">
        {rec.arm ? `Leaning ${rec.arm}: ${rec.reason}.` : `No winner yet: ${rec.reason}.`}
      </p>
      <ArmResultsTable arms={arms} promoted={exp.promotedArm} evaluated={!!exp.evaluate} />
      <ArmCharts arms={arms} history={live.history} />
      {exp.status !== 'promoted' && <WeightsEditor experiment={exp} onSaved={() => (live.reload(), onChanged())} />}
      {exp.status === 'running' && total === 0 && (
        <div className="card send-traffic">
          <strong>Waiting for traffic.</strong> Requests to <code>/v1/flows/{exp.flowId}/run</code> without a pin take part; a subject keeps
          its arm:
          <pre className="code-block">{`curl $WEIR_URL/v1/flows/${exp.flowId}/run -H "authorization: Bearer $WEIR_INVOKE_KEY" \\
  -H 'weir-subject: user-42' -H 'content-type: application/json' -d '{"input": {...}}'`}</pre>
        </div>
      )}
      {promoting && (
        <PromoteDialog
          experiment={exp}
          production={ed.releases.info?.labels.production}
          recommendation={rec}
          onClose={() => setPromoting(false)}
          onDone={(text) => {
            setPromoting(false);
            setMessage({ ok: true, text });
            live.reload();
            onChanged();
          }}
        />
      )}
    </div>
  );
}
