// The views of one flow, shown as tabs in the flow's header: Canvas (the editor) and Releases
// here; Runs, Evals and Experiments join as their code lands.
//
// To add a view: append { id, label, Component } to FLOW_VIEWS. `id` is the URL segment
// (/flows/<flow>/<id>); `Component` is lazy and gets `{ flowId }`. It renders inside the editor's
// context, so `useEditor()` gives the flow being edited (with unsaved changes), the run state and
// save(). The canvas stays mounted underneath while another view shows, so switching back keeps
// the viewport, the selection and unsaved edits.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { navigate } from '../../router';

export interface FlowView {
  id: string;
  label: string;
  /** Absent for the canvas, which the workspace draws itself. */
  Component?: LazyExoticComponent<ComponentType<{ flowId: string }>>;
}

export const FLOW_VIEWS: FlowView[] = [
  { id: 'canvas', label: 'Canvas' },
  {
    id: 'releases',
    label: 'Releases',
    Component: lazy(() => import('../releases/releases-view').then((m) => ({ default: m.ReleasesView }))),
  },
  {
    id: 'evals',
    label: 'Evals',
    Component: lazy(() => import('../evals/evals-view').then((m) => ({ default: m.EvalsView }))),
  },
  {
    id: 'experiments',
    label: 'Experiments',
    Component: lazy(() => import('../experiments/experiments-view').then((m) => ({ default: m.ExperimentsView }))),
  },
];

export const flowViewPath = (flowId: string, view: string) =>
  view === 'canvas' ? `/flows/${encodeURIComponent(flowId)}` : `/flows/${encodeURIComponent(flowId)}/${view}`;

export function ViewSwitcher({ flowId, active }: { flowId: string; active: string }) {
  return (
    <nav className="view-switcher" role="tablist" aria-label="Flow views">
      {FLOW_VIEWS.map((v) => (
        <a
          key={v.id}
          role="tab"
          aria-selected={v.id === active}
          className={v.id === active ? 'view-tab on' : 'view-tab'}
          data-testid={`view-${v.id}`}
          href={flowViewPath(flowId, v.id)}
          onClick={(e) => (e.preventDefault(), navigate(flowViewPath(flowId, v.id)))}
        >
          {v.label}
        </a>
      ))}
    </nav>
  );
}
