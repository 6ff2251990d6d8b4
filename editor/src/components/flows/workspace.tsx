// The flow editor screen: header with save and the view tabs, then the canvas view (palette,
// canvas, side panel) or another view of the flow over it (flow-views.tsx).
import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { saveFlow } from '../../api/save-flow';
import { validateFlow, type Flow } from '../../engine';
import { moveNodes } from '../../state/flow-edit';
import { useReleases } from '../../state/releases';
import { EditorContext, useEditorState, type Editor } from '../../state/use-editor';
import { Canvas } from '../canvas/canvas';
import { EvalOverlayBar } from '../evals/overlay-bar';
import { setOverlay } from '../evals/overlay-store';
import { DecorationContext } from '../canvas/flow-node';
import { Palette } from '../canvas/palette';
import { useFitView } from '../canvas/use-fit-view';
import { useShortcuts } from '../canvas/use-shortcuts';
import { prefetchPanels } from '../inspector/lazy-panels';
import { SidePanel } from '../inspector/side-panel';
import { PanelBoundary } from '../ui/error-boundary';
import { Loading } from '../ui/states';
import { EditorHeader, type SaveStatus } from './editor-header';
import { FLOW_VIEWS } from './flow-views';
import { exposeTestHooks } from './test-hooks';

// Dialogs (and cmdk) load when first opened, so opening a flow does not wait for them.
const FindNode = lazy(() => import('./find-node').then((m) => ({ default: m.FindNode })));
const ShortcutsDialog = lazy(() => import('./shortcuts-dialog').then((m) => ({ default: m.ShortcutsDialog })));

export function Workspace({ initial, view = 'canvas' }: { initial: Flow; view?: string }) {
  return (
    <ReactFlowProvider>
      <WorkspaceInner initial={initial} view={view} />
    </ReactFlowProvider>
  );
}

function WorkspaceInner({ initial, view }: { initial: Flow; view: string }) {
  const state = useEditorState(initial);
  const fitView = useFitView();
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const latest = useRef(state);
  latest.current = state;

  const save = useCallback(async () => {
    const flow = latest.current.flow;
    const problems = validateFlow(flow);
    setStatus({ kind: 'saving' });
    try {
      const result = await saveFlow(flow, problems);
      latest.current.markSaved(flow);
      setStatus({ kind: 'saved', result, at: Date.now() });
      return true;
    } catch (err) {
      setStatus({ kind: 'error', message: (err as Error).message });
      return false;
    }
  }, []);

  const layout = useCallback(() => {
    // dagre is only needed when someone asks for a layout.
    void import('../../state/layout').then(({ layoutFlow }) => {
      const s = latest.current;
      // Frame the new positions, not the ones React Flow still holds.
      const next = moveNodes(s.flow, layoutFlow(s.flow, s.measured));
      s.update(() => next);
      requestAnimationFrame(() => fitView({ flow: next, measured: s.measured }));
    });
  }, [fitView]);

  const [dialog, setDialog] = useState<'find' | 'shortcuts' | null>(null);
  const releases = useReleases(state.flow.id, state.saved);
  const editor: Editor = useMemo(() => ({ ...state, save, layout, openDialog: setDialog, releases }), [state, save, layout, releases]);
  useShortcuts(editor, { save: () => void save(), layout, fit: () => fitView(), dialog: setDialog });
  const other = FLOW_VIEWS.find((v) => v.id === view && v.Component);
  useEffect(() => exposeTestHooks(() => latest.current.flow), []);
  useEffect(prefetchPanels, []);
  // /flows/<id>?node=<node> opens with that node in the inspector (links from Fine-tunes, Adopt).
  useEffect(() => {
    const node = new URLSearchParams(window.location.search).get('node');
    if (!node || !latest.current.flow.nodes.some((n) => n.id === node)) return;
    latest.current.select([node]);
    latest.current.setPanel('inspect');
  }, []);
  // An eval overlay belongs to the flow it was opened on.
  useEffect(() => () => setOverlay(null), []);
  useEffect(() => {
    if (!state.dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state.dirty]);

  return (
    <EditorContext.Provider value={editor}>
      <div className="app editor">
        <EditorHeader status={status} view={other ? view : 'canvas'} />
        <div className="workspace">
          <Palette />
          <div className="canvas-wrap">
            <DecorationContext.Provider value={state.decorations}>
              <Canvas />
            </DecorationContext.Provider>
            <EvalOverlayBar flowId={state.flow.id} />
            {state.flow.nodes.length === 0 && (
              <div className="canvas-empty" data-testid="canvas-empty">
                <strong>An empty canvas.</strong>
                <span>Drag an Input node from the left, then the nodes that follow it, and connect them.</span>
              </div>
            )}
          </div>
          <SidePanel />
          {other?.Component && (
            <div className="view-body" data-testid={`view-body-${other.id}`}>
              <PanelBoundary resetKey={other.id}>
                <Suspense fallback={<Loading what={other.label.toLowerCase()} />}>
                  <other.Component flowId={state.flow.id} />
                </Suspense>
              </PanelBoundary>
            </div>
          )}
        </div>
        <Suspense fallback={null}>
          {dialog === 'find' && <FindNode onClose={() => setDialog(null)} />}
          {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
        </Suspense>
      </div>
    </EditorContext.Provider>
  );
}
