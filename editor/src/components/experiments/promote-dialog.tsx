// Promote, confirmed: `production` moves to the chosen arm's version (an ordinary release, rolled
// back the same way) and the experiment ends for good.
import { useState } from 'react';
import { releasesChanged } from '../../state/releases';
import { Dialog } from '../ui/dialog';
import { experimentsApi, type Experiment } from './experiments-api';
import type { Recommendation } from './recommend';

export function PromoteDialog(props: {
  experiment: Experiment;
  production?: number;
  recommendation: Recommendation;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { experiment: exp, recommendation } = props;
  const [arm, setArm] = useState(recommendation.arm ?? exp.arms[exp.arms.length - 1].name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const chosen = exp.arms.find((a) => a.name === arm);
  const promote = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await experimentsApi.promote(exp.id, arm, exp.version);
      releasesChanged();
      props.onDone(`Promoted ${arm}: production is now version ${r.version}. The experiment is over.`);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Promote a winner of ${exp.id}`} onClose={props.onClose} testId="promote-dialog">
      <p className={recommendation.arm ? 'field-ok' : 'muted'} data-testid="recommendation">
        {recommendation.arm
          ? `Recommended: ${recommendation.arm}, ${recommendation.reason}.`
          : `No recommendation: ${recommendation.reason}.`}
      </p>
      <fieldset className="promote-arms">
        <legend className="field-label">Arm to promote</legend>
        {exp.arms.map((a) => (
          <label key={a.name} className="field-inline">
            <input
              type="radio"
              name="promote-arm"
              value={a.name}
              checked={arm === a.name}
              onChange={() => setArm(a.name)}
              data-testid={`promote-${a.name}`}
            />
            <strong>{a.name}</strong> <span className="muted">→ {/^\d+$/.test(a.ref) ? `v${a.ref}` : a.ref}</span>
          </label>
        ))}
      </fieldset>
      <p>
        <code>production</code> moves {props.production !== undefined ? `from v${props.production} ` : ''}to{' '}
        {chosen && (/^\d+$/.test(chosen.ref) ? `v${chosen.ref}` : `the version "${chosen.ref}" names`)}. Every request without a pin gets it
        at once; the experiment ends and cannot be restarted. Roll back in Releases by moving the label back.
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="row end">
        <button className="btn" onClick={props.onClose}>
          Cancel
        </button>
        <button className="btn btn-primary" disabled={busy} onClick={() => void promote()} data-testid="promote-confirm">
          {busy ? 'Promoting…' : `Promote ${arm}`}
        </button>
      </div>
    </Dialog>
  );
}
