// Starts Weir for the browser tests with `npm start` (scripts/start.ts): local KV seeded from
// flows/, wrangler dev behind Vite on one URL. Its own token and KV live in a temporary directory,
// and saved flow files go to a temporary copy of flows/, so tests never touch the repo's files.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

export async function startStack(opts: { editorPort?: number } = {}): Promise<Stack> {
  const editorPort = opts.editorPort ?? 8797;
  const token = `browser-test-${Math.random().toString(36).slice(2)}`;
  const work = mkdtempSync(join(tmpdir(), 'weir-browser-'));
  const flowsDir = join(work, 'flows');
  cpSync(join(repoRoot, 'flows'), flowsDir, { recursive: true });
  let log = '';
  const procs: ChildProcess[] = [];
  const vars = join(work, 'test.vars');
  writeFileSync(vars, `ADMIN_TOKEN=${token}\nINVOKE_KEYS=browser-invoke\n`);
  const env = { ...process.env, WEIR_FLOWS_DIR: flowsDir };
  const run = (cmd: string, args: string[]) => {
    const p = spawn(cmd, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    p.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    p.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    procs.push(p);
  };
  // Exactly as `npm start` runs: seeded local KV, wrangler dev behind Vite on one port.
  run(join(repoRoot, 'node_modules/.bin/tsx'), [
    'scripts/start.ts',
    '--port',
    String(editorPort),
    '--persist-to',
    join(work, 'state'),
    '--env-file',
    vars,
    '--no-editor-build',
  ]);
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
    await waitFor(`http://127.0.0.1:${editorPort}/v1/health`, 90_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- logs ---\n${log}`);
  }
  return { url: `http://127.0.0.1:${editorPort}`, token, flowsDir, stop, logs: () => log };
}
