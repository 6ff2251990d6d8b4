// Development only: the dev server's front door. Before Vite handles a request it refuses other
// origins (no CORS, no cross-origin reads or writes, the /v1 proxy included), malformed URLs
// (400, not Vite's 500) and any path outside what the editor needs (see request-guard.ts).
import { realpathSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { crossOrigin, decodePath, servable, type Refusal } from './request-guard.ts';

export function sendRefusal(res: ServerResponse, refusal: Refusal): void {
  res.statusCode = refusal.status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify({ error: { code: refusal.code, message: refusal.message } }));
}

/** The directories the editor is served from; everything else in the repo (and the machine) is refused. */
export function servedRoots(repoRoot: string): string[] {
  return ['editor', 'worker/engine', 'worker/datasets', 'worker/evals', 'node_modules'].map((dir) => realpathSync(join(repoRoot, dir)));
}

export function guardPlugin(opts: { repoRoot: string; editorRoot: string }): Plugin {
  return {
    name: 'weir-dev-guard',
    apply: 'serve',
    configureServer(server) {
      const roots = servedRoots(opts.repoRoot);
      const root = realpathSync(opts.editorRoot);
      // Registered directly (not returned), so it runs before every Vite middleware and the proxy.
      server.middlewares.use((req, res, next) => {
        const other = crossOrigin(req.headers);
        if (other)
          return sendRefusal(res, {
            status: 403,
            code: 'cross_origin',
            message: `The Weir dev server answers only its own pages (${other}).`,
          });
        const path = decodePath(req.url ?? '/');
        if (typeof path !== 'string') return sendRefusal(res, path);
        const refusal = servable(path, { root, roots });
        if (refusal) return sendRefusal(res, refusal);
        next();
      });
    },
  };
}
