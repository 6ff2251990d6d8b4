// Keyboard shortcuts of the flow editor. Editing keys are ignored while typing in a field,
// except Ctrl+S which saves from anywhere.
import { useEffect, useRef } from 'react';
import { copySelection, paste, removeElements, type Clip } from '../../state/flow-edit';
import type { Editor } from '../../state/use-editor';

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

export const SHORTCUTS: [string, string][] = [
  ['Ctrl+S', 'save'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'undo / redo'],
  ['Ctrl+C / Ctrl+X / Ctrl+V', 'copy / cut / paste'],
  ['Ctrl+D', 'duplicate'],
  ['Ctrl+A', 'select all'],
  ['Delete', 'delete selection'],
  ['Shift+drag', 'select an area'],
  ['Ctrl+L', 'automatic layout'],
];

export function useShortcuts(ed: Editor, actions: { save: () => void; layout: () => void }): void {
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
      if (!mod || typing(e.target)) {
        if (key === 'escape' && !typing(e.target)) ed.select([]);
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
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
