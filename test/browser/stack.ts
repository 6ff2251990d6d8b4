// Starts Weir for the browser tests and the editor benchmark the way `npm start` does: the worker
// under `wrangler dev`, the editor through Vite in front of it (one URL, /v1 proxied), flows and
// prompts seeded. Flow files go to a temporary copy of flows/, so tests never touch the repo's.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = new URL('../..', import.meta.url).pathname;

export interface Stack {
  url: string;
  token: string;
  flowsDir: string;
  stop: () => Promise<void>;
  logs: () => string;
}

async function waitFor(url: string, ms: number, ok: (res: Response) => boolean = (r) => r.ok): Promise<void> {
  const end = Date.now() + ms;
  let last = '';
  while (Date.now() < end) {
    try {
      const res = await fetch(url);
      if (ok(res)) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not come up in ${ms} ms (${last})`);
}

/** Puts the example prompts and flows into the worker through the API, as the start script does. */
export async function seed(url: string, token: string, flowsDir: string): Promise<void> {
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const promptsDir = join(flowsDir, 'prompts');
  for (const file of existsSync(promptsDir) ? readdirSync(promptsDir).filter((f) => f.endsWith('.json')) : []) {
    const p = JSON.parse(readFileSync(join(promptsDir, file), 'utf8')) as { name: string; description?: string; versions: Record<string, unknown>[]; labels?: Record<string, number> };
    const have = await fetch(`${url}/v1/prompts/${p.name}`, { headers: auth });
    if (have.ok) continue;
    for (const v of [...p.versions].sort((a, b) => Number(a.version) - Number(b.version))) {
      const { version: _v, createdAt: _c, ...body } = v;
      const res = await fetch(`${url}/v1/prompts/${p.name}/versions`, { method: 'POST', headers: auth, body: JSON.stringify({ ...body, description: p.description }) });
      if (!res.ok) throw new Error(`seeding prompt ${p.name}: ${res.status} ${await res.text()}`);
    }
    for (const [label, version] of Object.entries(p.labels ?? {})) {
      await fetch(`${url}/v1/prompts/${p.name}/labels/${label}`, { method: 'PUT', headers: auth, body: JSON.stringify({ version }) });
    }
  }
  for (const file of readdirSync(flowsDir).filter((f) => f.endsWith('.json') && f !== 'flow.schema.json')) {
    const text = readFileSync(join(flowsDir, file), 'utf8');
    const id = (JSON.parse(text) as { id: string }).id;
    const res = await fetch(`${url}/v1/flows/${id}?draft=1`, { method: 'PUT', headers: auth, body: text });
    if (!res.ok) throw new Error(`seeding flow ${id}: ${res.status} ${await res.text()}`);
  }
}

export async function startStack(opts: { editorPort?: number; workerPort?: number } = {}): Promise<Stack> {
  const editorPort = opts.editorPort ?? 8797;
  const workerPort = opts.workerPort ?? 8798;
  const token = `browser-test-${Math.random().toString(36).slice(2)}`;
  const work = mkdtempSync(join(tmpdir(), 'weir-browser-'));
  const flowsDir = join(work, 'flows');
  cpSync(join(repoRoot, 'flows'), flowsDir, { recursive: true });
  let log = '';
  const procs: ChildProcess[] = [];
  const env = { ...process.env, ADMIN_TOKEN: token, WEIR_FLOWS_DIR: flowsDir, WEIR_WORKER_PORT: String(workerPort), WEIR_EDITOR_PORT: String(editorPort), BROWSER: 'none' };
  const run = (cmd: string, args: string[]) => {
    const p = spawn(cmd, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    p.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    p.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    procs.push(p);
  };
  const bin = (name: string) => join(repoRoot, 'node_modules/.bin', name);
  run(bin('wrangler'), ['dev', '--ip', '127.0.0.1', '--port', String(workerPort), '--persist-to', join(work, 'state'), '--var', `ADMIN_TOKEN:${token}`, '--var', 'INVOKE_KEYS:browser-invoke', '--var', 'PROVIDERS:', '--show-interactive-dev-session=false', '--log-level', 'warn']);
  run(bin('vite'), ['--config', 'editor/vite.config.ts', '--logLevel', 'warn']);
  const stop = async () => {
    for (const p of procs) {
      try {
        if (p.pid) process.kill(-p.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 300));
    rmSync(work, { recursive: true, force: true });
  };
  try {
    await waitFor(`http://127.0.0.1:${workerPort}/v1/health`, 60_000);
    await waitFor(`http://127.0.0.1:${editorPort}/v1/health`, 30_000);
    await seed(`http://127.0.0.1:${workerPort}`, token, flowsDir);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- logs ---\n${log}`);
  }
  return { url: `http://127.0.0.1:${editorPort}`, token, flowsDir, stop, logs: () => log };
}
