// One fine-tuning job: its status and progress (live while it runs), facts (trainer, base
// model, dataset, estimate and cost), the loss curve, the events, the resulting model with its
// registry entry, the three-way comparison it started, and "Adopt into draft".
import { useState } from 'react';
import { navigate } from '../../router';
import { ErrorState, Loading } from '../ui/states';
import { AdoptDialog } from './adopt-dialog';
import { EvalRunSummary } from './eval-run-summary';
import { finetunesApi } from './finetunes-api';
import { jobEnded, money, tokens, when } from './job-format';
import { JobEvents } from './job-events';
import { JobSteps, StatusPill } from './job-status';
import { LossChart } from './loss-chart';
import { NoEval, ResultModel } from './result-model';
import { usePoll } from './use-poll';

const POLL_MS = 2000;

export function JobDetail({ id }: { id: string }) {
  const polled = usePoll(
    () => finetunesApi.get(id),
    [id],
    POLL_MS,
    (d) => !d || !jobEnded(d.job) || (!!d.job.target && d.job.status === 'succeeded' && !d.job.evalRunId && !d.job.evalError),
  );
  const [adopting, setAdopting] = useState(false);
  const [cancelError, setCancelError] = useState<string>();
  if (!polled.data) return polled.error ? <ErrorState error={polled.error} retry={polled.reload} /> : <Loading what={`job ${id}`} />;
  const { job, events, checkpoints } = polled.data;
  const cancel = async () => {
    if (!window.confirm(`Cancel job ${job.id} at ${job.trainer}? The provider stops training; this cannot be undone.`)) return;
    try {
      await finetunesApi.cancel(job.id);
      polled.reload();
    } catch (err) {
      setCancelError((err as Error).message);
    }
  };
  return (
    <div className="job-detail" data-testid="job-detail" data-status={job.status}>
      <div className="page-head">
        <div>
          <a href="/finetunes" className="muted" onClick={(e) => (e.preventDefault(), navigate('/finetunes'))}>
            ← Fine-tunes
          </a>
          <h1>
            {job.suffix ?? job.datasetName ?? job.id} <StatusPill status={job.status} raw={job.rawStatus} />
          </h1>
          <p className="muted">
            <code>{job.id}</code> · {job.trainer} ({job.trainerType}) · {job.method} · started {when(job.createdAt)}
            {!jobEnded(job) && <span className="live-dot" title="updating live" aria-label="updating live" />}
          </p>
        </div>
        <div className="row">
          {!jobEnded(job) && (
            <button className="btn btn-danger" onClick={() => void cancel()} data-testid="cancel-job">
              Cancel job
            </button>
          )}
          {job.status === 'succeeded' && job.fineTunedModel && (
            <button
              className="btn btn-primary"
              disabled={!job.target}
              title={job.target ? undefined : 'The job names no flow and node; start jobs from a fine-tuned node to adopt them'}
              onClick={() => setAdopting(true)}
              data-testid="adopt"
            >
              Adopt into draft
            </button>
          )}
        </div>
      </div>
      {cancelError && <p className="field-error">{cancelError}</p>}
      <JobSteps job={job} trained={checkpoints.length > 0} />
      {job.error && (
        <div className="notice notice-bad" role="alert" data-testid="job-error">
          <strong>{job.error.code}</strong>: {job.error.message}
        </div>
      )}
      <div className="job-grid">
        <section className="card">
          <h2 className="section-title">Job</h2>
          <dl className="facts">
            <dt>Base model</dt>
            <dd>
              <code>{job.baseModel}</code>
            </dd>
            <dt>Dataset</dt>
            <dd>
              {job.datasetName ?? '—'} <code className="muted">{job.datasetHash.slice(0, 15)}</code>
            </dd>
            <dt>Examples</dt>
            <dd>
              {job.trainExamples} train, {job.validationExamples} validation · {tokens(job.trainTokens)} tokens
            </dd>
            <dt>Hyperparameters</dt>
            <dd>
              {Object.entries(job.hyperparameters)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ') || 'provider defaults'}
            </dd>
            <dt>Estimate</dt>
            <dd>
              {money(job.estimatedCostUsd)} {job.estimateSource && <span className="muted">({job.estimateSource})</span>}
            </dd>
            <dt>Target</dt>
            <dd>
              {job.target ? (
                <a
                  href={`/flows/${encodeURIComponent(job.target.flow)}`}
                  onClick={(e) => (
                    e.preventDefault(),
                    navigate(`/flows/${encodeURIComponent(job.target!.flow)}?node=${encodeURIComponent(job.target!.node)}`)
                  )}
                >
                  {job.target.flow} › {job.target.node}
                </a>
              ) : (
                <span className="muted">none</span>
              )}
            </dd>
            <dt>Provider job</dt>
            <dd>
              <code>{job.providerJobId ?? '—'}</code> {job.rawStatus && <span className="muted">({job.rawStatus})</span>}
            </dd>
          </dl>
        </section>
        <section className="card">
          <h2 className="section-title">Loss</h2>
          <LossChart checkpoints={checkpoints} />
        </section>
      </div>
      {job.fineTunedModel && <ResultModel job={job} />}
      {job.evalRunId ? (
        <EvalRunSummary runId={job.evalRunId} />
      ) : (
        job.status === 'succeeded' && <NoEval job={job} onStarted={polled.reload} />
      )}
      <section className="card">
        <h2 className="section-title">Events ({events.length})</h2>
        <JobEvents events={events} />
      </section>
      {adopting && <AdoptDialog job={job} onClose={() => setAdopting(false)} />}
    </div>
  );
}
