// Development only: a loopback-only, admin-token-checked endpoint through which the editor writes
// canonical flow files (formatFlow) into flows/, so a save shows up in `git diff`. The worker
// cannot write files; Vite's dev server can.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const PREFIX = '/__weir/flows';

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

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function flowFilesPlugin(opts: { repoRoot: string }): Plugin {
  const flowsDir = process.env.WEIR_FLOWS_DIR ?? join(opts.repoRoot, 'flows');
  return {
    name: 'weir-flow-files',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use(PREFIX, (req, res) => {
        void handle(server, req, res).catch((err: unknown) => send(res, 500, { error: { code: 'internal', message: String(err) } }));
      });
    },
  };

  async function handle(server: ViteDevServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? ''))
      return send(res, 403, { error: { code: 'forbidden', message: 'flow files are written for loopback clients only' } });
    const token = adminToken(opts.repoRoot);
    if (!token || req.headers.authorization !== `Bearer ${token}`)
      return send(res, 401, { error: { code: 'unauthorized', message: 'admin token required' } });
    const id = decodeURIComponent((req.url ?? '/').replace(/^\//, '').split('?')[0]);
    if (id === '' && req.method === 'GET') return send(res, 200, { dir: relative(opts.repoRoot, flowsDir) || '.' });
    if (!ID.test(id)) return send(res, 400, { error: { code: 'bad_request', message: `bad flow id "${id}"` } });
    const file = join(flowsDir, `${id}.json`);
    const shown = relative(opts.repoRoot, file);
    if (req.method === 'DELETE') {
      await rm(file, { force: true });
      return send(res, 200, { path: shown, deleted: true });
    }
    if (req.method !== 'PUT') return send(res, 405, { error: { code: 'method_not_allowed', message: 'PUT or DELETE' } });
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, { error: { code: 'bad_json', message: 'body is not JSON' } });
    }
    if ((body as { id?: unknown })?.id !== id)
      return send(res, 400, { error: { code: 'bad_request', message: 'body id does not match the path' } });
    // The engine's own formatFlow, loaded through Vite so the CLI, tests and editor agree byte for byte.
    const engine = (await server.ssrLoadModule(join(opts.repoRoot, 'worker/engine/index.ts'))) as { formatFlow: (flow: unknown) => string };
    const text = engine.formatFlow(body);
    const before = await readFile(file, 'utf8').catch(() => undefined);
    if (before !== text) {
      await mkdir(flowsDir, { recursive: true });
      await writeFile(file, text);
    }
    return send(res, 200, { path: shown, changed: before !== text, bytes: Buffer.byteLength(text) });
  }
}
