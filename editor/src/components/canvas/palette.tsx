// Every node type in the registry, to drag onto the canvas (or click to add at the centre).
import { useReactFlow } from '@xyflow/react';
import { nodeTypes } from '../../engine';
import { addNode } from '../../state/flow-edit';
import { useEditor } from '../../state/use-editor';
import { typeColorStyle } from './node-summary';

export const PALETTE_MIME = 'application/x-weir-node';

export function Palette() {
  const ed = useEditor();
  const rf = useReactFlow();
  const addAtCentre = (type: string) => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const centre = pane ? rf.screenToFlowPosition({ x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 }) : { x: 0, y: 0 };
    let added = '';
    ed.update((f) => {
      const r = addNode(f, type, { x: centre.x - 100 + f.nodes.length * 12, y: centre.y - 40 + f.nodes.length * 12 });
      added = r.id;
      return r.flow;
    });
    queueMicrotask(() => ed.select([added]));
  };
  return (
    <aside className="palette" aria-label="Node palette">
      <h2 className="panel-title">Nodes</h2>
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
          onClick={() => addAtCentre(def.type)}
          title={`${def.description}\nDrag onto the canvas, or click to add.`}
        >
          <span className="palette-label">{def.label}</span>
          <span className="palette-desc">{def.description}</span>
        </button>
      ))}
      <p className="palette-hint">Drag onto the canvas. Connect a node's right handle to another's left.</p>
    </aside>
  );
}
