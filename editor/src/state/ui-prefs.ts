// Which parts of the editor are open (palette, inspector, minimap), remembered in this browser.
// The palette starts closed on narrow screens, where the canvas needs the room.
import { useSyncExternalStore } from 'react';

export type Pref = 'palette' | 'inspector' | 'minimap';
const KEY = (p: Pref) => `weir.open.${p}`;
const EVENT = 'weir:prefs';

export function isOpen(p: Pref): boolean {
  const v = localStorage.getItem(KEY(p));
  if (v === '1') return true;
  if (v === '0') return false;
  return p === 'palette' ? window.innerWidth >= 1200 : true;
}

export function setOpen(p: Pref, open: boolean): void {
  localStorage.setItem(KEY(p), open ? '1' : '0');
  window.dispatchEvent(new Event(EVENT));
}

export const toggle = (p: Pref) => setOpen(p, !isOpen(p));

const subscribe = (cb: () => void) => {
  window.addEventListener(EVENT, cb);
  return () => window.removeEventListener(EVENT, cb);
};

export const useOpen = (p: Pref): boolean => useSyncExternalStore(subscribe, () => isOpen(p));
