// What the editor's dev server may serve, and to whom: pure checks used by the guard plugin (and
// the flow-file endpoint) before Vite sees a request. Only same-origin (or direct, non-browser)
// requests, only files under the allowed roots (editor/, the engine it imports, node_modules),
// never a dotfile or dot-directory, never through a symlink that leaves the roots.
import { existsSync, realpathSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { isAbsolute, join, resolve, sep } from 'node:path';

export interface Refusal {
  status: 400 | 403;
  code: string;
  message: string;
}

/** Dot-directories the dev server needs: Vite's optimized dependencies live in node_modules/.vite. */
const DOT_ALLOWED = new Set(['.vite']);

/** Why a request from a browser comes from another origin (a page on another local port included), else undefined. */
export function crossOrigin(headers: IncomingHttpHeaders): string | undefined {
  const site = headers['sec-fetch-site'];
  // `same-site` covers every other port on 127.0.0.1/localhost: exactly the attacker to keep out.
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site is "${String(site)}"`;
  const origin = headers.origin;
  if (origin !== undefined && origin !== `http://${headers.host ?? ''}`) return `Origin "${origin}" is not this server`;
  return undefined;
}

/** The URL's path percent-decoded (until stable, so double encoding cannot hide a dot), or a 400. */
export function decodePath(url: string): string | Refusal {
  let path = url.split(/[?#]/, 1)[0];
  const malformed: Refusal = { status: 400, code: 'bad_request', message: 'The URL has malformed percent-encoding.' };
  if (/%(?![0-9a-f]{2})/i.test(path)) return malformed;
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(path); i++) {
    try {
      path = decodeURIComponent(path);
    } catch {
      return malformed;
    }
  }
  if (path.includes('\0')) return { status: 400, code: 'bad_request', message: 'The URL contains a NUL byte.' };
  return path.replaceAll('\\', '/');
}

const forbidden = (message: string): Refusal => ({ status: 403, code: 'forbidden', message });

/** The root a real path lies in, if any. */
const rootOf = (file: string, roots: string[]) => roots.find((r) => file === r || file.startsWith(r.endsWith(sep) ? r : r + sep));

/** The real path of a file that exists (symlinks followed), else the normalised path itself. */
function realOrSelf(file: string): string {
  try {
    return existsSync(file) ? realpathSync(file) : resolve(file);
  } catch {
    return resolve(file);
  }
}

/**
 * Whether a decoded request path may be served. `roots` are absolute, real directories; `root` is
 * Vite's root (editor/), against which plain paths resolve.
 */
export function servable(path: string, opts: { root: string; roots: string[] }): Refusal | undefined {
  const segments = path.split('/');
  if (segments.includes('..')) return forbidden('Paths with ".." are not served.');
  const dot = segments.find((s) => s.startsWith('.') && !DOT_ALLOWED.has(s));
  if (dot !== undefined) return forbidden('Dotfiles and dot-directories (.dev.vars, .wrangler, .git, ...) are not served.');
  let file: string | undefined;
  if (path.startsWith('/@fs/')) file = path.slice('/@fs'.length);
  else if (path.startsWith('/@id/')) {
    // /@id/<module id>: a bare package name is fine; an absolute file path is checked like /@fs/.
    const id = '/' + path.slice('/@id/'.length).replace(/^__x00__/, '');
    if (existsSync(id)) file = id;
  } else if (!path.startsWith('/@')) {
    const candidate = join(opts.root, path);
    // Vite also resolves a plain absolute file path (/home/me/repo/package.json): check it like /@fs/.
    if (existsSync(candidate)) file = candidate;
    else if (existsSync(path)) file = path;
  }
  if (file === undefined) return undefined;
  if (!isAbsolute(file)) return forbidden('Only absolute file paths are served through /@fs/.');
  const real = realOrSelf(file);
  const root = rootOf(real, opts.roots);
  if (root === undefined) return forbidden('Only the editor, the engine it imports and node_modules are served.');
  // A symlink inside a root may still point at a dotfile within it.
  const inside = real.slice(root.length).split(sep);
  if (inside.some((s) => s.startsWith('.') && !DOT_ALLOWED.has(s))) return forbidden('Dotfiles and dot-directories are not served.');
  return undefined;
}
