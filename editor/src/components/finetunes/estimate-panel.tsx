// The estimate for exactly the inputs on screen (the worker's POST /v1/finetunes/validate):
// examples, tokens, epochs, the cost and where its price comes from, every problem; "Start" only
// once it is shown and valid.
import type { Problem } from '../../engine';
import type { Validation } from './finetunes-api';
import { money, tokens } from './job-format';

interface Props {
  waiting: boolean;
  result?: Validation;
  error?: string;
  /** The worker's problems when it refused the request (the dataset cannot be exported, no such node). */
  issues?: Problem[];
  local: string[];
  incomplete: boolean;
  canStart: boolean;
  starting: boolean;
  startError?: string;
  onStart: () => void;
}

const ProblemLine = ({ p }: { p: Problem }) => (
  <li className={`problem-line sev-${p.severity}`}>
    {p.path && p.path !== '$' && <code>{p.path}</code>} {p.message}
  </li>
);

export function EstimatePanel(p: Props) {
  const exportProblems = p.issues ?? [];
  const r = p.result;
  return (
    <aside className="card estimate" data-testid="estimate" aria-live="polite">
      <h2 className="section-title">Estimate</h2>
      {p.incomplete && <p className="muted">Choose a dataset with a train split, a trainer and a base model to see what the job costs.</p>}
      {p.error && (
        <p className="field-error" data-testid="estimate-error">
          {p.error}
        </p>
      )}
      {p.local.length > 0 && (
        <ul className="problems-inline">
          {p.local.map((m) => (
            <li key={m} className="problem-line sev-error">
              {m}
            </li>
          ))}
        </ul>
      )}
      {exportProblems.length > 0 && (
        <ul className="problems-inline" data-testid="export-problems">
          {exportProblems.slice(0, 8).map((x, i) => (
            <ProblemLine key={i} p={x} />
          ))}
          {exportProblems.length > 8 && <li className="muted">…and {exportProblems.length - 8} more</li>}
        </ul>
      )}
      {p.waiting && (
        <p className="muted" role="status">
          <span className="spinner" /> Estimating…
        </p>
      )}
      {r && (
        <>
          <div className="estimate-cost" data-testid="estimate-cost">
            {money(r.estimate.costUsd)}
          </div>
          <dl className="facts">
            <dt>Examples</dt>
            <dd data-testid="estimate-examples">
              {r.trainExamples} train, {r.validationExamples} validation
            </dd>
            <dt>Tokens</dt>
            <dd>
              ≈{tokens(r.trainTokens)} per epoch × {r.epochs} epoch{r.epochs === 1 ? '' : 's'} = {tokens(r.estimate.billedTokens)}
            </dd>
            <dt>Price</dt>
            <dd>
              {r.estimate.trainingPerMTok === null
                ? 'unknown for this model'
                : `$${r.estimate.trainingPerMTok} per million training tokens`}
            </dd>
            {r.estimate.source && (
              <>
                <dt>Source</dt>
                <dd className="muted">{r.estimate.source}</dd>
              </>
            )}
          </dl>
          {r.estimate.costUsd === null && (
            <p className="field-warn">The trainer's price for this model is unknown, so the cost is too (never shown as $0).</p>
          )}
          {r.problems.length > 0 && (
            <ul className="problems-inline" data-testid="estimate-problems">
              {r.problems.map((x, i) => (
                <ProblemLine key={i} p={x} />
              ))}
            </ul>
          )}
        </>
      )}
      <button className="btn btn-primary" disabled={!p.canStart} onClick={p.onStart} data-testid="start-job">
        {p.starting ? 'Starting…' : r?.estimate.costUsd != null ? `Start (≈${money(r.estimate.costUsd)})` : 'Start'}
      </button>
      {p.startError && (
        <p className="field-error" role="alert" data-testid="start-error">
          {p.startError}
        </p>
      )}
      <p className="field-help">Starting uploads the files to the trainer and follows the job until it ends.</p>
    </aside>
  );
}
