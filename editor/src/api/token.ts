// The admin token lives in the browser only: taken once from `#token=...` (the link `npm start`
// prints), kept in localStorage, never written to a file.
const KEY = 'weir.adminToken';

export function captureTokenFromHash(): void {
  const match = /(?:^|[#&])token=([^&]+)/.exec(window.location.hash);
  if (!match) return;
  localStorage.setItem(KEY, decodeURIComponent(match[1]));
  history.replaceState(null, '', window.location.pathname + window.location.search);
}

export const getToken = (): string | null => localStorage.getItem(KEY);
export const setToken = (token: string): void => localStorage.setItem(KEY, token.trim());
export const clearToken = (): void => localStorage.removeItem(KEY);
