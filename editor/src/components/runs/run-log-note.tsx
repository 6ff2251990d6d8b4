// Above a run opened from the run log: when it ran, from where, which version, and its cost.
import type { RunState } from '../../state/run-state';
import { clock, usd } from './format';

export function RunLogNote({ run }: { run: RunState }) {
  const log = run.fromLog;
  if (!log) return null;
  return (
    <div className="field-help" data-testid="run-log-note">
      From the run log: {clock(log.createdAt)} · {log.source} · {log.version === 'draft' ? 'draft' : `v${log.version}`} · cost{' '}
      {usd(log.costUsd)}
    </div>
  );
}
