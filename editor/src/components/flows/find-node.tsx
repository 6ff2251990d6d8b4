// Find a node (Ctrl+K or Ctrl+F): type part of its id, type, model or prompt; Enter selects
// it, shows its inspector and centres the canvas on it.
import { useReactFlow } from '@xyflow/react';
import { Command } from 'cmdk';
import { nodeRegistry } from '../../engine';
import { setOpen } from '../../state/ui-prefs';
import { useEditor } from '../../state/use-editor';
import { NODE_SIZE } from '../../state/viewport';
import { nodeSummary } from '../canvas/node-summary';
import { Dialog } from '../ui/dialog';

export function FindNode({ onClose }: { onClose: () => void }) {
  const ed = useEditor();
  const rf = useReactFlow();
  const pick = (id: string) => {
    const node = ed.flow.nodes.find((n) => n.id === id);
    if (!node) return;
    ed.select([id]);
    ed.setPanel('inspect');
    setOpen('inspector', true);
    const size = ed.measured.get(id) ?? NODE_SIZE;
    void rf.setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, {
      zoom: Math.max(rf.getZoom(), 0.95),
      duration: 250,
    });
    onClose();
  };
  return (
    <Dialog title="Find a node" onClose={onClose} testId="find-node">
      <Command label="Find a node" className="cmdk" loop>
        <Command.Input data-autofocus placeholder="Node id, type, model or prompt…" data-testid="find-input" className="input" />
        <Command.List className="cmdk-list">
          <Command.Empty className="field-help">No node matches.</Command.Empty>
          {ed.flow.nodes.map((n) => {
            const summary = nodeSummary(n).join(' · ');
            return (
              <Command.Item
                key={n.id}
                value={`${n.id} ${n.type} ${summary}`}
                onSelect={() => pick(n.id)}
                className={`cmdk-item type-${n.type}`}
                data-testid={`find-item-${n.id}`}
              >
                <span className="cmdk-type">{nodeRegistry.get(n.type)?.label ?? n.type}</span>
                <code>{n.id}</code>
                <span className="cmdk-summary">{summary}</span>
              </Command.Item>
            );
          })}
        </Command.List>
      </Command>
    </Dialog>
  );
}
