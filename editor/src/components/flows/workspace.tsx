// The flow editor screen: header with save, palette, canvas and the side panel.
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { saveFlow } from '../../api/save-flow';
import { validateFlow, type Flow } from '../../engine';
import { moveNodes } from '../../state/flow-edit';
import { EditorContext, useEditorState, type Editor } from '../../state/use-editor';
import { Canvas } from '../canvas/canvas';
import { DecorationContext } from '../canvas/flow-node';
import { Palette } from '../canvas/palette';
import { useFitView } from '../canvas/use-fit-view';
import { useShortcuts } from '../canvas/use-shortcuts';
import { prefetchPanels } from '../inspector/lazy-panels';
import { SidePanel } from '../inspector/side-panel';
import { EditorHeader, type SaveStatus } from './editor-header';
import { exposeTestHooks } from './test-hooks';

export function Workspace({ initial }: { initial: Flow }) {
  return (
    <ReactFlowProvider>
      <WorkspaceInner initial={initial} />
    </ReactFlowProvider>
  );
}

function WorkspaceInner({ initial }: { initial: Flow }) {
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
      s.update((f) => moveNodes(f, layoutFlow(f, s.measured)));
      requestAnimationFrame(() => fitView());
    });
  }, [fitView]);

  const editor: Editor = useMemo(() => ({ ...state, save, layout }), [state, save, layout]);
  useShortcuts(editor, { save: () => void save(), layout });
  useEffect(() => exposeTestHooks(() => latest.current.flow), []);
  useEffect(prefetchPanels, []);
  useEffect(() => {
    if (!state.dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state.dirty]);

  return (
    <EditorContext.Provider value={editor}>
      <div className="app editor">
        <EditorHeader status={status} />
        <div className="workspace">
          <Palette />
          <div className="canvas-wrap">
            <DecorationContext.Provider value={state.decorations}>
              <Canvas />
            </DecorationContext.Provider>
            {state.flow.nodes.length === 0 && (
              <div className="canvas-empty" data-testid="canvas-empty">
                <strong>An empty canvas.</strong>
                <span>Drag an Input node from the left, then the nodes that follow it, and connect them.</span>
              </div>
            )}
          </div>
          <SidePanel />
        </div>
      </div>
    </EditorContext.Provider>
  );
}
