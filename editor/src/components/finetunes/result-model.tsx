// A succeeded job's model with its registry entry: training cost (and where the figure comes
// from), the provider serving it, prices, hosting, retirement, and where it was adopted.
import { useState } from 'react';
import { useAsync } from '../ui/use-async';
import { finetunesApi, type Job } from './finetunes-api';
import { money, tokens, when } from './job-format';
import { RetirementBadge } from './registry-table';

export function ResultModel({ job }: { job: Job }) {
  const registry = useAsync(() => finetunesApi.registry(), [job.fineTunedModel]);
  const entry = registry.data?.find((m) => m.model === job.fineTunedModel);
  return (
    <section className="card result-model" data-testid="result-model">
      <h2 className="section-title">Resulting model</h2>
      <code className="model-id">{job.fineTunedModel}</code>
      {entry ? (
        <dl className="facts" data-testid="registry-entry">
          <dt>Training cost</dt>
          <dd>
            {money(entry.trainingCostUsd)}{' '}
            {entry.trainingCostSource && <span className="muted">({entry.trainingCostSource.replace('_', ' ')})</span>}
          </dd>
          <dt>Served by</dt>
          <dd>{entry.provider}</dd>
          <dt>Prices per M tokens</dt>
          <dd>
            input {money(entry.prices.inputPerMTok)}, output {money(entry.prices.outputPerMTok)}
          </dd>
          <dt>Hosting</dt>
          <dd>{entry.hostingPerHour === null ? 'unknown' : `${money(entry.hostingPerHour)} per hour`}</dd>
          <dt>Retirement</dt>
          <dd>
            <RetirementBadge m={entry} />
          </dd>
          {job.trainedTokens !== null && (
            <>
              <dt>Trained tokens</dt>
              <dd>{tokens(job.trainedTokens)}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">{registry.loading ? 'Reading the registry…' : 'Not in the registry yet.'}</p>
      )}
      {job.adopted && (
        <p className="field-ok" data-testid="adopted-note">
          Adopted into {job.adopted.flow} › {job.adopted.node} on {when(job.adopted.at)}, as a draft: publish it in Releases.
        </p>
      )}
    </section>
  );
}

export function NoEval({ job, onStarted }: { job: Job; onStarted: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await finetunesApi.evaluate(job.id);
      onStarted();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="no-eval" data-testid="no-eval">
      <p className={job.evalError ? 'field-warn' : 'muted'}>
        {job.evalError
          ? `No three-way comparison: ${job.evalError}`
          : job.target
            ? 'The three-way comparison starts by itself once the model is registered…'
            : 'No three-way comparison: the job names no flow and node.'}
      </p>
      {job.evalError && job.target && (
        <button className="btn btn-small" disabled={busy} onClick={() => void start()} data-testid="start-three-way">
          Run the three-way comparison
        </button>
      )}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
