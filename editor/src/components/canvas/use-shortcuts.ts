// Keyboard shortcuts of the flow editor, listed in the shortcuts dialog (? or the ⌨ button).
// Editing keys are ignored while typing in a field, except Ctrl+S (save) and Ctrl+K (find).
import { useEffect, useRef } from 'react';
import { copySelection, paste, removeElements, type Clip } from '../../state/flow-edit';
import { toggle } from '../../state/ui-prefs';
import type { Editor } from '../../state/use-editor';

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

export const SHORTCUTS: [string, string][] = [
  ['Ctrl+K or Ctrl+F', 'find a node'],
  ['?', 'this list of shortcuts'],
  ['Ctrl+S', 'save'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'undo / redo'],
  ['Ctrl+C / Ctrl+X / Ctrl+V', 'copy / cut / paste'],
  ['Ctrl+D', 'duplicate'],
  ['Ctrl+A', 'select all'],
  ['Delete', 'delete selection'],
  ['Shift+drag', 'select an area'],
  ['Ctrl+L', 'automatic layout'],
  ['Shift+1', 'fit the whole flow in view'],
  ['Ctrl+B / Ctrl+J', 'collapse or expand the palette / the inspector'],
  ['Tab, then Enter', 'focus a node or a palette item, then select or add it'],
  ['Arrow keys', 'move the selected nodes'],
  ['Escape', 'clear the selection, close a dialog'],
];

type Actions = { save: () => void; layout: () => void; fit: () => void; dialog: (d: 'find' | 'shortcuts') => void };

export function useShortcuts(ed: Editor, actions: Actions): void {
  const clip = useRef<Clip | null>(null);
  const latest = useRef({ ed, actions });
  latest.current = { ed, actions };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { ed, actions } = latest.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        actions.save();
        return;
      }
      if (mod && (key === 'k' || key === 'f') && !e.shiftKey) {
        e.preventDefault();
        actions.dialog('find');
        return;
      }
      if (typing(e.target) || document.querySelector('[role=dialog]')) return;
      if (!mod) {
        if (key === 'escape') ed.select([]);
        else if (e.key === '?') actions.dialog('shortcuts');
        else if (e.key === '!' || (e.shiftKey && e.code === 'Digit1')) actions.fit();
        else return;
        e.preventDefault();
        return;
      }
      const pasteClip = (c: Clip) => {
        let ids: string[] = [];
        ed.update((f) => {
          const r = paste(f, c);
          ids = r.ids;
          return r.flow;
        });
        queueMicrotask(() => ed.select(ids));
      };
      if (key === 'z' && !e.shiftKey) ed.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') ed.redo();
      else if (key === 'c' || key === 'x') {
        clip.current = copySelection(ed.flow, ed.selectedNodes);
        if (key === 'x') ed.update((f) => removeElements(f, ed.selectedNodes));
      } else if (key === 'v' && clip.current?.nodes.length) pasteClip(clip.current);
      else if (key === 'd') pasteClip(copySelection(ed.flow, ed.selectedNodes));
      else if (key === 'a') ed.select(ed.flow.nodes.map((n) => n.id));
      else if (key === 'l') actions.layout();
      else if (key === 'b') toggle('palette');
      else if (key === 'j') toggle('inspector');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
