// What the dataset's last save did: saving, saved (or nothing changed), the error, or how many rows
// still have problems.
export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; changed: boolean } | { kind: 'error'; message: string };

export function SaveText({ state, problems }: { state: SaveState; problems: number }) {
  if (state.kind === 'saving') return <span className="save-status">Saving…</span>;
  if (state.kind === 'error')
    return (
      <span className="save-status bad" data-testid="ds-save-status" role="alert">
        {state.message}
      </span>
    );
  if (state.kind === 'saved')
    return (
      <span className="save-status ok" data-testid="ds-save-status">
        {state.changed ? 'Saved' : 'Saved (no change)'}
      </span>
    );
  return problems ? <span className="save-status warn">{problems} row(s) with problems</span> : null;
}
