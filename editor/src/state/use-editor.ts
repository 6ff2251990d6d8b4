// The flow editor's state: the document with undo history, the selection, the last saved
// version (for the unsaved mark), validation on every change, and the last run.
import { createContext, useCallback, useContext, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Flow, Problem } from '../engine';
import { validateFlow } from '../engine';
import { canRedo, canUndo, commit, createHistory, endTransient, redo, transient, undo } from './history';
import { createDecorationStore } from './node-decorations';
import { useProviderNames } from './provider-names';
import type { useReleases } from './releases';
import { idleRun, type RunState } from './run-state';

export type Panel = 'inspect' | 'run' | 'runs' | 'problems';

export function useEditorState(initial: Flow) {
  const [hist, setHist] = useState(() => createHistory(initial));
  const [saved, setSaved] = useState(initial);
  const [selectedNodes, setSelectedNodes] = useState<Set<string>>(() => new Set());
  const [selectedEdges, setSelectedEdges] = useState<Set<string>>(() => new Set());
  const [panel, setPanel] = useState<Panel>('inspect');
  const [run, setRun] = useState<RunState>(idleRun);
  const measured = useRef(new Map<string, { width: number; height: number }>());
  const [measuredVersion, setMeasuredVersion] = useState(0);

  const flow = hist.present;
  // Validation trails typing by at most a frame and never blocks a drag.
  const checked = useDeferredValue(flow);
  // Unknown providers are warnings here: the configuration is the worker's, which refuses them on save.
  const providers = useProviderNames();
  const problems: Problem[] = useMemo(() => validateFlow(checked, { providers }), [checked, providers]);
  // Canvas nodes read their problems and run status from this store, each only its own entry.
  const [decorations] = useState(createDecorationStore);
  useLayoutEffect(() => decorations.set(problems, run.status, run.trace), [decorations, problems, run.status, run.trace]);

  const update = useCallback((fn: (f: Flow) => Flow, key?: string) => setHist((h) => commit(h, fn(h.present), key)), []);
  const updateTransient = useCallback((fn: (f: Flow) => Flow) => setHist((h) => transient(h, fn(h.present))), []);
  const settle = useCallback(() => setHist((h) => endTransient(h)), []);

  const select = useCallback((nodes: Iterable<string>, edges: Iterable<string> = []) => {
    setSelectedNodes(new Set(nodes));
    setSelectedEdges(new Set(edges));
  }, []);

  return {
    flow,
    problems,
    dirty: flow !== saved,
    saved,
    markSaved: setSaved,
    update,
    updateTransient,
    settle,
    undo: useCallback(() => setHist(undo), []),
    redo: useCallback(() => setHist(redo), []),
    canUndo: canUndo(hist),
    canRedo: canRedo(hist),
    selectedNodes,
    selectedEdges,
    setSelectedNodes,
    setSelectedEdges,
    select,
    panel,
    setPanel,
    run,
    setRun,
    decorations,
    measured: measured.current,
    measuredVersion,
    bumpMeasured: useCallback(() => setMeasuredVersion((v) => v + 1), []),
  };
}

export type EditorState = ReturnType<typeof useEditorState>;

/** The editor state plus the page's actions (saving talks to the API, layout to the canvas). */
export type Editor = EditorState & {
  save: () => Promise<boolean>;
  layout: () => void;
  openDialog: (d: 'find' | 'shortcuts' | null) => void;
  /** Versions, labels and what the edge URL serves (state/releases.ts). */
  releases: ReturnType<typeof useReleases>;
};

export const EditorContext = createContext<Editor | null>(null);

export function useEditor(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditor outside <EditorContext>');
  return editor;
}
