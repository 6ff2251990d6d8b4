// Light or dark: follows prefers-color-scheme until the toggle chooses, then remembers the choice
// in this browser. The theme is an attribute on <html> (styles/theme.css reads it).
import { useEffect, useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
type Choice = Theme | 'system';
const KEY = 'weir.theme';
const EVENT = 'weir:theme';

const media = () => window.matchMedia('(prefers-color-scheme: dark)');
const choice = (): Choice => {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
};
export const currentTheme = (): Theme => {
  const c = choice();
  return c === 'system' ? (media().matches ? 'dark' : 'light') : c;
};

export function applyTheme(): void {
  document.documentElement.dataset.theme = currentTheme();
}

export function setTheme(theme: Theme | 'system'): void {
  if (theme === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, theme);
  applyTheme();
  window.dispatchEvent(new Event(EVENT));
}

const subscribe = (cb: () => void) => {
  const m = media();
  const onSystem = () => (applyTheme(), cb());
  m.addEventListener('change', onSystem);
  window.addEventListener(EVENT, cb);
  return () => {
    m.removeEventListener('change', onSystem);
    window.removeEventListener(EVENT, cb);
  };
};

export function useTheme(): Theme {
  const theme = useSyncExternalStore(subscribe, currentTheme);
  useEffect(applyTheme, [theme]);
  return theme;
}
