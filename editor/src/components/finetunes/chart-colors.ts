// Colours for recharts, read from the theme's CSS variables (SVG attributes cannot use var()), and
// read again when the theme changes, so charts follow light and dark like the rest of the editor.
import { useMemo } from 'react';
import { useTheme } from '../../state/theme';

export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  panel: string;
  series: string[];
}

const SERIES_LIGHT = ['#0f766e', '#7c3aed', '#2563eb', '#c2410c', '#b45309', '#15803d'];
const SERIES_DARK = ['#2fb5a6', '#a78bfa', '#60a5fa', '#fb8a5c', '#f0b44c', '#4ade80'];

export function useChartColors(): ChartColors {
  const theme = useTheme();
  return useMemo(() => {
    const css = getComputedStyle(document.documentElement);
    const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
    return {
      text: v('--text', '#1d2330'),
      muted: v('--muted', '#677084'),
      grid: v('--line', '#e3e6eb'),
      panel: v('--panel', '#ffffff'),
      series: theme === 'dark' ? SERIES_DARK : SERIES_LIGHT,
    };
  }, [theme]);
}

/** Shared tooltip look: the panel colour, the theme's text. */
export const tooltipStyle = (c: ChartColors) => ({
  contentStyle: { background: c.panel, border: `1px solid ${c.grid}`, borderRadius: 6, color: c.text, fontSize: 12 },
  labelStyle: { color: c.muted },
});
