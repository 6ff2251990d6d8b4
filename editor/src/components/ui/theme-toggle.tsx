// The light/dark switch in every top bar.
import { setTheme, useTheme } from '../../state/theme';

export function ThemeToggle() {
  const theme = useTheme();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      className="btn btn-ghost btn-small theme-toggle"
      data-testid="theme-toggle"
      aria-label={`Switch to ${next} mode`}
      aria-pressed={theme === 'dark'}
      title={`Switch to ${next} mode`}
      onClick={() => setTheme(next)}
    >
      <span aria-hidden>{theme === 'dark' ? '☀' : '☾'}</span>
    </button>
  );
}
