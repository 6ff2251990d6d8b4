// Moving a label is a release (or a rollback) with no deploy, so it asks first: which label,
// from which version to which, and what the edge URL will serve afterwards.
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { Dialog } from '../ui/dialog';

export interface LabelMove {
  label: string;
  version: number;
  /** The version the label points at now, if known. */
  from?: number;
}

const LABEL = /^[a-z][a-z0-9_-]{0,39}$/;

export function LabelMoveDialog(props: {
  flowId: string;
  move: LabelMove;
  labels: Record<string, number>;
  onClose: () => void;
  onMoved: (message: string) => void;
}) {
  const [label, setLabel] = useState(props.move.label || 'production');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const current = props.labels[label];
  const valid = LABEL.test(label) && label !== 'latest' && label !== 'draft';
  const confirm = async () => {
    setBusy(true);
    try {
      await api.moveFlowLabel(props.flowId, label, props.move.version);
      props.onMoved(`${label} now points at version ${props.move.version}${current ? ` (was ${current})` : ''}.`);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  const rollback = current !== undefined && props.move.version < current;
  return (
    <Dialog title={rollback ? 'Roll back?' : 'Move the label?'} onClose={props.onClose} testId="label-dialog">
      <form onSubmit={(e) => (e.preventDefault(), void confirm())}>
        <label className="field-label" htmlFor="move-label">
          Label
        </label>
        <input
          id="move-label"
          className="input"
          list="known-labels"
          value={label}
          onChange={(e) => setLabel(e.target.value.trim())}
          data-testid="move-label-name"
        />
        <datalist id="known-labels">
          {[...new Set(['production', 'staging', ...Object.keys(props.labels)])].map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
        {!valid && <div className="field-error">A label is lowercase letters, digits, - and _ (not "latest" or "draft").</div>}
        <p data-testid="label-confirm-text">
          {current === props.move.version
            ? `${label} already points at version ${current}.`
            : `Move ${label} ${current ? `from version ${current} ` : ''}to version ${props.move.version}?`}{' '}
          {label === 'production' &&
            `The edge URL /v1/flows/${props.flowId}/run will serve version ${props.move.version}: at once in this isolate, everywhere within about a minute.`}
        </p>
        {error && <div className="field-error">{error}</div>}
        <div className="row">
          <button className="btn btn-primary" disabled={!valid || busy || current === props.move.version} data-testid="label-confirm">
            {rollback ? `Roll back ${label} to v${props.move.version}` : `Move ${label} to v${props.move.version}`}
          </button>
          <button type="button" className="btn btn-ghost" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
