// Colours for recharts (SVG attributes cannot use var()), the theme's tokens (styles/base.css and
// styles/theme.css) per theme, so charts follow light and dark like the rest of the editor.
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

const LIGHT = { text: '#1d2330', muted: '#677084', grid: '#e3e6eb', panel: '#ffffff', series: SERIES_LIGHT };
const DARK = { text: '#e3e8ef', muted: '#98a3b3', grid: '#2a333e', panel: '#171d24', series: SERIES_DARK };

export function useChartColors(): ChartColors {
  // The theme from the hook, not from <html>: the attribute changes after this render.
  return useTheme() === 'dark' ? DARK : LIGHT;
}

/** Shared tooltip look: the panel colour, the theme's text. */
export const tooltipStyle = (c: ChartColors) => ({
  contentStyle: { background: c.panel, border: `1px solid ${c.grid}`, borderRadius: 6, color: c.text, fontSize: 12 },
  labelStyle: { color: c.muted },
});
