// The right-hand panel: inspect (the selected node or the flow), run, and problems.
import { Suspense } from 'react';
import { useEditor, type Panel } from '../../state/use-editor';
import { PanelBoundary } from '../ui/error-boundary';
import { Loading } from '../ui/states';
import { FlowSettings } from './flow-settings';
import { NodeInspector, ProblemsList, RunPanel, RunsView } from './lazy-panels';

export function SidePanel() {
  const ed = useEditor();
  const selected = ed.selectedNodes.size === 1 ? ed.flow.nodes.find((n) => ed.selectedNodes.has(n.id)) : undefined;
  const errors = ed.problems.filter((p) => p.severity === 'error').length;
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
    <aside className={ed.panel === 'runs' ? 'side-panel side-panel-wide' : 'side-panel'} aria-label="Inspector">
      <div className="tabs" role="tablist">
        {tab('inspect', 'Inspect')}
        {tab('run', 'Run')}
        {tab('runs', 'Runs')}
        {tab('problems', 'Problems', String(ed.problems.length))}
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
