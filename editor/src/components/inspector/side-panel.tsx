// The right-hand panel: inspect (the selected node or the flow), run, and problems. It collapses
// to a thin strip (Ctrl+J) that keeps the tabs one click away.
import { Suspense } from 'react';
import { setOpen, toggle, useOpen } from '../../state/ui-prefs';
import { useEditor, type Panel } from '../../state/use-editor';
import { PanelBoundary } from '../ui/error-boundary';
import { Loading } from '../ui/states';
import { FlowSettings } from './flow-settings';
import { NodeInspector, ProblemsList, RunPanel, RunsView } from './lazy-panels';

export function SidePanel() {
  const ed = useEditor();
  const selected = ed.selectedNodes.size === 1 ? ed.flow.nodes.find((n) => ed.selectedNodes.has(n.id)) : undefined;
  const errors = ed.problems.filter((p) => p.severity === 'error').length;
  const open = useOpen('inspector');
  const collapse = (
    <button
      className="icon-btn panel-toggle"
      data-testid="toggle-inspector"
      aria-expanded={open}
      aria-label={open ? 'Collapse the inspector' : 'Expand the inspector'}
      title={`${open ? 'Collapse' : 'Expand'} the inspector (Ctrl+J)`}
      onClick={() => toggle('inspector')}
    >
      {open ? '»' : '«'}
    </button>
  );
  if (!open)
    return (
      <aside className="side-panel collapsed" aria-label="Inspector" data-testid="side-panel">
        {collapse}
        {(['inspect', 'run', 'problems'] as const).map((id) => (
          <button
            key={id}
            className="icon-btn strip-tab"
            data-testid={`strip-${id}`}
            aria-label={`Open ${id}`}
            title={id}
            onClick={() => (ed.setPanel(id), setOpen('inspector', true))}
          >
            {id === 'inspect' ? 'In' : id === 'run' ? '▶' : ed.problems.length}
          </button>
        ))}
      </aside>
    );
  const tab = (id: Panel, label: string, extra?: string) => (
    <button
      role="tab"
      aria-selected={ed.panel === id}
      className={ed.panel === id ? 'tab on' : 'tab'}
      data-testid={`tab-${id}`}
      onClick={() => ed.setPanel(id)}
    >
      {label}
      {extra && <span className={errors ? 'tab-count bad' : 'tab-count'}>{extra}</span>}
    </button>
  );
  return (
    <aside className={ed.panel === 'runs' ? 'side-panel side-panel-wide' : 'side-panel'} aria-label="Inspector" data-testid="side-panel">
      <div className="tabs" role="tablist">
        {tab('inspect', 'Inspect')}
        {tab('run', 'Run')}
        {tab('runs', 'Runs')}
        {tab('problems', 'Problems', String(ed.problems.length))}
        <div className="grow" />
        {collapse}
      </div>
      <div className="side-body">
        <PanelBoundary resetKey={`${ed.panel}:${selected?.id ?? ''}`}>
          <Suspense fallback={<Loading what="the panel" />}>
            {ed.panel === 'inspect' &&
              (selected ? (
                <NodeInspector key={selected.id} node={selected} />
              ) : ed.selectedNodes.size > 1 ? (
                <div className="state state-empty">
                  <strong>{ed.selectedNodes.size} nodes selected</strong>
                  <div>Move them together, copy (Ctrl+C), duplicate (Ctrl+D) or delete them.</div>
                </div>
              ) : (
                <FlowSettings />
              ))}
            {ed.panel === 'run' && <RunPanel />}
            {ed.panel === 'runs' && <RunsView />}
            {ed.panel === 'problems' && <ProblemsList />}
          </Suspense>
        </PanelBoundary>
      </div>
    </aside>
  );
}
