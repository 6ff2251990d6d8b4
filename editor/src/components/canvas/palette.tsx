// Every node type in the registry, to drag onto the canvas or to add with a click or Enter: a
// clicked node lands beside the selection (else mid-view) in free space, and is scrolled into view.
// The palette collapses to a strip of initials (Ctrl+B), giving the canvas the room.
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { nodeTypes } from '../../engine';
import { addNode } from '../../state/flow-edit';
import { freeSpot } from '../../state/placement';
import { toggle, useOpen } from '../../state/ui-prefs';
import { useEditor } from '../../state/use-editor';
import { typeColorStyle } from './node-summary';
import { NODE_SIZE, inView } from '../../state/viewport';

export const PALETTE_MIME = 'application/x-weir-node';

export function Palette() {
  const ed = useEditor();
  const rf = useReactFlow();
  const store = useStoreApi();
  const open = useOpen('palette');
  const add = (type: string) => {
    const { width, height } = store.getState();
    const vp = rf.getViewport();
    const centre = { x: (width / 2 - vp.x) / vp.zoom, y: (height / 2 - vp.y) / vp.zoom };
    const position = freeSpot(ed.flow, ed.measured, { selected: ed.selectedNodes, centre });
    let added = '';
    ed.update((f) => {
      const r = addNode(f, type, position);
      added = r.id;
      return r.flow;
    });
    queueMicrotask(() => ed.select([added]));
    if (!inView({ ...position, ...NODE_SIZE }, vp, { width, height }))
      void rf.setCenter(position.x + NODE_SIZE.width / 2, position.y + NODE_SIZE.height / 2, { zoom: vp.zoom, duration: 250 });
  };
  return (
    <aside className={open ? 'palette' : 'palette collapsed'} aria-label="Node palette" data-testid="palette">
      <div className="panel-head">
        {open && <h2 className="panel-title">Nodes</h2>}
        <button
          className="icon-btn"
          data-testid="toggle-palette"
          aria-expanded={open}
          aria-label={open ? 'Collapse the node palette' : 'Expand the node palette'}
          title={`${open ? 'Collapse' : 'Expand'} the palette (Ctrl+B)`}
          onClick={() => toggle('palette')}
        >
          {open ? '«' : '»'}
        </button>
      </div>
      {nodeTypes.map((def) => (
        <button
          key={def.type}
          className={`palette-item type-${def.type}`}
          style={typeColorStyle(def.type)}
          data-testid={`palette-${def.type}`}
          draggable
          onDragStart={(e) => {
            e.dataTransfer.setData(PALETTE_MIME, def.type);
            e.dataTransfer.effectAllowed = 'move';
          }}
          onClick={() => add(def.type)}
          aria-label={`Add a ${def.label} node`}
          title={`${def.description}\nDrag onto the canvas, or click (Enter) to add beside the selection.`}
        >
          {open ? (
            <>
              <span className="palette-label">{def.label}</span>
              <span className="palette-desc">{def.description}</span>
            </>
          ) : (
            <span className="palette-initial" aria-hidden>
              {def.label.slice(0, 2)}
            </span>
          )}
        </button>
      ))}
      {open && (
        <p className="palette-hint">
          Drag onto the canvas, or click to add beside the selection. Connect a node's right handle to another's left.
        </p>
      )}
    </aside>
  );
}
