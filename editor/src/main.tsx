// Entry point: take the token from the sign-in link, then render the app.
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/base.css';
import './styles/canvas.css';
import './styles/panels.css';
import './styles/theme.css';
import { captureTokenFromHash } from './api/token';
import { App } from './app';
import { applyTheme } from './state/theme';

captureTokenFromHash();
applyTheme();
createRoot(document.getElementById('root')!).render(<App />);
