// Development only: a loopback-only, same-origin-only, admin-token-checked endpoint through which
// the editor writes canonical flow files (formatFlow) into flows/, so a save shows up in `git diff`.
// The worker cannot write files; Vite's dev server can.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { crossOrigin } from './request-guard.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const PREFIX = '/__weir/flows';
/** The same cap the worker puts on a flow body. */
const MAX_BODY_BYTES = 256 * 1024;

/** The admin token: ADMIN_TOKEN from the environment, else from .dev.vars. */
export function adminToken(repoRoot: string): string | undefined {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  try {
    const line = readFileSync(join(repoRoot, '.dev.vars'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('ADMIN_TOKEN='));
    return (
      line
        ?.slice('ADMIN_TOKEN='.length)
        .trim()
        .replace(/^"(.*)"$/, '$1') || undefined
    );
  } catch {
    return undefined;
  }
}

/** Constant-time comparison of the Authorization header with the expected one. */
function sameToken(given: string | undefined, expected: string): boolean {
  const a = createHash('sha256')
    .update(given ?? '')
    .digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

/** The body as text, or undefined past the cap. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function decodeId(url: string | undefined): string | undefined {
  try {
    return decodeURIComponent((url ?? '/').replace(/^\//, '').split('?')[0]);
  } catch {
    return undefined;
  }
}

export function flowFilesPlugin(opts: { repoRoot: string }): Plugin {
  const flowsDir = process.env.WEIR_FLOWS_DIR ?? join(opts.repoRoot, 'flows');
  return {
    name: 'weir-flow-files',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use(PREFIX, (req, res) => {
        void handle(server, req, res).catch((err: unknown) =>
          send(res, 500, { error: { code: 'internal', message: err instanceof Error ? err.message : 'flow file not written' } }),
        );
      });
    },
  };

  async function handle(server: ViteDevServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? ''))
      return send(res, 403, { error: { code: 'forbidden', message: 'flow files are written for loopback clients only' } });
    // A page on another origin (another localhost port included) never writes files, token or not.
    const other = crossOrigin(req.headers);
    if (other)
      return send(res, 403, {
        error: { code: 'cross_origin', message: `flow files are written for the editor's own pages only (${other})` },
      });
    const token = adminToken(opts.repoRoot);
    if (!token || !sameToken(req.headers.authorization, `Bearer ${token}`))
      return send(res, 401, { error: { code: 'unauthorized', message: 'admin token required' } });
    const id = decodeId(req.url);
    if (id === undefined) return send(res, 400, { error: { code: 'bad_request', message: 'malformed percent-encoding in the flow id' } });
    if (id === '' && req.method === 'GET') return send(res, 200, { dir: relative(opts.repoRoot, flowsDir) || '.' });
    if (!ID.test(id)) return send(res, 400, { error: { code: 'bad_request', message: `bad flow id "${id}"` } });
    const file = join(flowsDir, `${id}.json`);
    const shown = relative(opts.repoRoot, file);
    if (req.method === 'DELETE') {
      await rm(file, { force: true });
      return send(res, 200, { path: shown, deleted: true });
    }
    if (req.method !== 'PUT') return send(res, 405, { error: { code: 'method_not_allowed', message: 'PUT or DELETE' } });
    const text = await readBody(req);
    if (text === undefined) return send(res, 413, { error: { code: 'payload_too_large', message: 'a flow file is at most 256 KB' } });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return send(res, 400, { error: { code: 'bad_json', message: 'body is not JSON' } });
    }
    if ((body as { id?: unknown })?.id !== id)
      return send(res, 400, { error: { code: 'bad_request', message: 'body id does not match the path' } });
    // The engine's own formatFlow, loaded through Vite so the CLI, tests and editor agree byte for byte.
    const engine = (await server.ssrLoadModule(join(opts.repoRoot, 'worker/engine/index.ts'))) as { formatFlow: (flow: unknown) => string };
    let formatted: string;
    try {
      formatted = engine.formatFlow(body);
    } catch {
      return send(res, 400, { error: { code: 'bad_request', message: 'the flow cannot be formatted (too deeply nested?)' } });
    }
    const before = await readFile(file, 'utf8').catch(() => undefined);
    if (before !== formatted) {
      await mkdir(flowsDir, { recursive: true });
      await writeFile(file, formatted);
    }
    return send(res, 200, { path: shown, changed: before !== formatted, bytes: Buffer.byteLength(formatted) });
  }
}
