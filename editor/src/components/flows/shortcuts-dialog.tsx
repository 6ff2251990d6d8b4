// Every keyboard shortcut of the flow editor, opened with ? on the canvas or the ⌨ button.
import { SHORTCUTS } from '../canvas/use-shortcuts';
import { Dialog } from '../ui/dialog';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-dialog">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                {keys.split(/( \/ | or |, then )/).map((part, i) =>
                  / \/ | or |, then /.test(part) ? <span key={i}>{part}</span> : <kbd key={i}>{part}</kbd>,
                )}
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="field-help">On a Mac, Cmd works wherever Ctrl is shown.</p>
    </Dialog>
  );
}
