// The flow canvas: React Flow over the editor state. Drags are transient until they end, deletes
// and connections are single undo steps, and palette items drop where the mouse is.
import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
} from '@xyflow/react';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { nodeRegistry } from '../../engine';
import { addNode, connect, moveNodes, removeElements, type XY } from '../../state/flow-edit';
import { createEdgeCache, createNodeCache, takenEdges, type WeirNode } from '../../state/to-react-flow';
import { useEditor } from '../../state/use-editor';
import { useTheme } from '../../state/theme';
import { toggle, useOpen } from '../../state/ui-prefs';
import { LARGE_FLOW, openingViewport, type Viewport } from '../../state/viewport';
import { canvasNodeTypes } from './flow-node';
import { PALETTE_MIME } from './palette';
import { useFitView } from './use-fit-view';
import { nodeColor } from './node-summary';

/** Measures the pane first, so a large flow can open at its start instead of fitted to specks. */
const minimapColor = (n: WeirNode) => nodeColor(n.data.node.type);

const onDragOver = (e: DragEvent) => {
  e.preventDefault();
  e.dataTransfer.dropEffect = 'move';
};

/** Measures the pane first, so the flow opens readable (fitted, or at its start when large). */
export function Canvas() {
  const ed = useEditor();
  const wrap = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<{ viewport?: Viewport } | null>(null);
  useLayoutEffect(() => {
    const box = wrap.current!.getBoundingClientRect();
    setOpening({ viewport: openingViewport(ed.flow, box, { minimap: true }) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the flow as opened
  }, []);
  return (
    <div className="canvas-fill" ref={wrap}>
      {opening && <FlowCanvas viewport={opening.viewport} />}
    </div>
  );
}

function FlowCanvas({ viewport }: { viewport?: Viewport }) {
  const ed = useEditor();
  const rf = useReactFlow();
  const fitView = useFitView();
  const theme = useTheme();
  const minimap = useOpen('minimap');
  const nodeCache = useMemo(createNodeCache, []);
  const edgeCache = useMemo(createEdgeCache, []);
  const dragging = useRef(false);

  const nodes = useMemo(
    () => nodeCache(ed.flow, ed.selectedNodes, ed.measured),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- measuredVersion stands for the measured map
    [nodeCache, ed.flow, ed.selectedNodes, ed.measuredVersion],
  );
  const taken = useMemo(() => takenEdges(ed.flow, ed.run.status, ed.run.handles), [ed.flow, ed.run.status, ed.run.handles]);
  const edges = useMemo(
    () => edgeCache(ed.flow, ed.selectedEdges, taken, ed.run.phase === 'running'),
    [edgeCache, ed.flow, ed.selectedEdges, taken, ed.run.phase],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<WeirNode>[]) => {
      const moved = new Map<string, XY>();
      let dragEnded = false;
      let selection: Set<string> | undefined;
      let measuredChanged = false;
      let keyboardMove = false;
      for (const c of changes) {
        if (c.type === 'position') {
          if (c.position) moved.set(c.id, c.position);
          if (c.dragging) dragging.current = true;
          // A drag ends with dragging: false; arrow keys send the same with no drag before it,
          // and consecutive presses coalesce into one undo step.
          else if (dragging.current) dragEnded = true;
          else keyboardMove = true;
        } else if (c.type === 'select') {
          selection ??= new Set(ed.selectedNodes);
          if (c.selected) selection.add(c.id);
          else selection.delete(c.id);
        } else if (c.type === 'dimensions' && c.dimensions) {
          ed.measured.set(c.id, c.dimensions);
          measuredChanged = true;
        }
      }
      if (moved.size && keyboardMove) ed.update((f) => moveNodes(f, moved), `keys:${[...moved.keys()].join(',')}`);
      else if (moved.size) ed.updateTransient((f) => moveNodes(f, moved));
      if (dragEnded) {
        dragging.current = false;
        ed.settle();
      }
      if (selection) ed.setSelectedNodes(selection);
      if (measuredChanged) ed.bumpMeasured();
    },
    [ed],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let selection: Set<string> | undefined;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        selection ??= new Set(ed.selectedEdges);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
      if (selection) ed.setSelectedEdges(selection);
    },
    [ed],
  );

  const onDelete: OnDelete<WeirNode, Edge> = useCallback(
    ({ nodes: n, edges: e }) => {
      ed.update((f) =>
        removeElements(
          f,
          n.map((x) => x.id),
          e.map((x) => x.id),
        ),
      );
      ed.select([]);
    },
    [ed],
  );

  // A click on a node shows its inspector, also when the Problems tab was open.
  const onNodeClick = useCallback(() => {
    if (ed.panel === 'problems') ed.setPanel('inspect');
  }, [ed]);

  const onConnect = useCallback((c: Connection) => ed.update((f) => connect(f, c.source, c.sourceHandle, c.target)), [ed]);

  const isValidConnection = useCallback(
    (c: Connection | Edge) => {
      if (c.source === c.target) return false;
      const target = ed.flow.nodes.find((n) => n.id === c.target);
      return !!target && nodeRegistry.get(target.type)?.acceptsInput !== false;
    },
    [ed.flow],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!type) return;
      event.preventDefault();
      const position = rf.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      let added = '';
      ed.update((f) => {
        const r = addNode(f, type, { x: position.x - 100, y: position.y - 30 });
        added = r.id;
        return r.flow;
      });
      queueMicrotask(() => ed.select([added]));
    },
    [ed, rf],
  );

  return (
    <ReactFlow<WeirNode, Edge>
      nodes={nodes}
      edges={edges}
      nodeTypes={canvasNodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onDelete={onDelete}
      onConnect={onConnect}
      onNodeClick={onNodeClick}
      colorMode={theme}
      isValidConnection={isValidConnection}
      onDrop={onDrop}
      onDragOver={onDragOver}
      deleteKeyCode={['Delete', 'Backspace']}
      multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
      selectionOnDrag={false}
      onlyRenderVisibleElements={ed.flow.nodes.length > LARGE_FLOW}
      defaultViewport={viewport}
      minZoom={0.1}
    >
      <Background gap={20} size={1} />
      {ed.flow.nodes.length > 0 && minimap && (
        <MiniMap
          pannable
          zoomable
          className="minimap"
          maskColor={theme === 'dark' ? 'rgba(0, 0, 0, 0.35)' : 'rgba(100, 116, 139, 0.12)'}
          nodeColor={minimapColor}
          nodeBorderRadius={3}
        />
      )}
      <Controls showInteractive={false} showFitView={false}>
        <ControlButton onClick={() => fitView()} title="Fit view" aria-label="Fit view">
          <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden>
            <path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" fill="none" stroke="currentColor" strokeWidth="1.6" />
          </svg>
        </ControlButton>
        <ControlButton
          onClick={() => toggle('minimap')}
          title={minimap ? 'Hide the minimap' : 'Show the minimap'}
          aria-label={minimap ? 'Hide the minimap' : 'Show the minimap'}
          aria-pressed={minimap}
          data-testid="toggle-minimap"
        >
          <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden>
            <rect x="1.5" y="3" width="13" height="10" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
            <rect x="8" y="7.5" width="5" height="4" fill="currentColor" />
          </svg>
        </ControlButton>
      </Controls>
    </ReactFlow>
  );
}
