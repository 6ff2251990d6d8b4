// The flow editor's header: back to the list, the flow's name with the unsaved mark, the view
// tabs, what the edge URL serves, undo and redo, layout, fit view, find, shortcuts, theme, and
// Save with what the save did (file, worker, draft and why).
import type { SaveResult } from '../../api/save-flow';
import type { Problem } from '../../engine';
import { navigate } from '../../router';
import { useEditor } from '../../state/use-editor';
import { useFitView } from '../canvas/use-fit-view';
import { ReleaseChip } from '../releases/release-chip';
import { ThemeToggle } from '../ui/theme-toggle';
import { Brand } from '../ui/top-nav';
import { ViewSwitcher } from './flow-views';

export type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; result: SaveResult; at: number } | { kind: 'error'; message: string };

function StatusText({ status, dirty }: { status: SaveStatus; dirty: boolean }) {
  if (status.kind === 'saving') return <span className="save-status">Saving…</span>;
  if (status.kind === 'error') {
    return (
      <span className="save-status bad" data-testid="save-status" title={status.message}>
        Save failed: {status.message}
      </span>
    );
  }
  if (status.kind !== 'saved' || dirty) return null;
  const { result } = status;
  const where = result.file ? `${result.file} and the worker` : 'the worker';
  if (result.draft) return <DraftStatus where={where} errors={result.problems.filter((p) => p.severity === 'error')} />;
  return (
    <span className="save-status ok" data-testid="save-status" title={`Saved to ${where}`}>
      Saved to {where}
    </span>
  );
}

/**
 * A draft save: short in the header, with the problem count as a button to the Problems tab and
 * every reason in a popover that shows on hover and on keyboard focus (and is read as the
 * button's description).
 */
function DraftStatus({ where, errors }: { where: string; errors: Problem[] }) {
  const ed = useEditor();
  const count = errors.length;
  return (
    <span className="save-status warn draft-status" data-testid="save-status">
      <span>Saved as a draft · will not run</span>
      <button className="problem-count-btn" data-testid="draft-problems" aria-describedby="draft-reasons" onClick={() => ed.setPanel('problems')}>
        {count} {count === 1 ? 'problem' : 'problems'}
      </button>
      <span className="popover" role="tooltip" id="draft-reasons">
        <strong>Saved as a draft to {where}.</strong> It will not run until {count === 1 ? 'this is' : 'these are'} fixed:
        <ul>
          {errors.slice(0, 8).map((p, i) => (
            <li key={i}>
              {p.nodeId && <code>{p.nodeId}</code>} {p.message}
            </li>
          ))}
          {count > 8 && <li>…and {count - 8} more in the Problems tab.</li>}
        </ul>
      </span>
    </span>
  );
}

export function EditorHeader({ status, view }: { status: SaveStatus; view: string }) {
  const ed = useEditor();
  const fitView = useFitView();
  const back = () => {
    if (!ed.dirty || window.confirm('Leave without saving? Your changes will be lost.')) navigate('/');
  };
  return (
    <header className="topbar">
      <Brand />
      <button className="btn btn-ghost btn-small" onClick={back} data-testid="back">
        ← Flows
      </button>
      <div className="flow-title" data-testid="flow-title">
        <span className="flow-title-name">{ed.flow.name}</span>
        <code className="flow-id">{ed.flow.id}</code>
        {ed.dirty && (
          <span className="dirty" data-testid="dirty" title="Unsaved changes">
            ● unsaved
          </span>
        )}
      </div>
      <ViewSwitcher flowId={ed.flow.id} active={view} />
      <ReleaseChip info={ed.releases.info} />
      <div className="grow" />
      <StatusText status={status} dirty={ed.dirty} />
      <div className="toolbar">
        <button className="btn btn-small btn-ghost" disabled={!ed.canUndo} onClick={ed.undo} title="Undo (Ctrl+Z)" data-testid="undo">
          Undo
        </button>
        <button className="btn btn-small btn-ghost" disabled={!ed.canRedo} onClick={ed.redo} title="Redo (Ctrl+Shift+Z)" data-testid="redo">
          Redo
        </button>
        <button className="btn btn-small btn-ghost" onClick={ed.layout} title="Automatic layout (Ctrl+L)" data-testid="layout">
          Layout
        </button>
        <button className="btn btn-small btn-ghost" onClick={() => fitView()} title="Fit the whole flow in view (Shift+1)" data-testid="fit">
          Fit
        </button>
        <button className="btn btn-small btn-ghost" onClick={() => ed.openDialog('find')} title="Find a node (Ctrl+K)" data-testid="find">
          Find
        </button>
        <button
          className="btn btn-small btn-ghost"
          onClick={() => ed.openDialog('shortcuts')}
          title="Keyboard shortcuts (?)"
          aria-label="Keyboard shortcuts"
          data-testid="shortcuts"
        >
          ⌨
        </button>
        <ThemeToggle />
        <button className={`btn btn-small ${ed.dirty ? 'btn-primary' : ''}`} onClick={() => void ed.save()} disabled={status.kind === 'saving'} title="Save (Ctrl+S)" data-testid="save">
          Save
        </button>
      </div>
    </header>
  );
}
