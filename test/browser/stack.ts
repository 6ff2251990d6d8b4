// Starts Weir for the browser tests with `npm start` (scripts/start.ts): local KV seeded from
// flows/, wrangler dev behind Vite on one URL. Its own token and KV live in a temporary directory,
// and saved flow files go to a temporary copy of flows/, so tests never touch the repo's files.
// Ports are free ones picked at start, so two runs on one machine do not collide; stop() waits for
// every process it started (found by the run's own temporary directory) to be gone.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/lib/dev-server';
import { copyPreparedState } from '../helpers/prepared-state';

export const repoRoot = new URL('../..', import.meta.url).pathname;

export interface Stack {
  url: string;
  /** The run's temporary directory (state, token file, flows copy). */
  work: string;
  token: string;
  flowsDir: string;
  /** The invoke key callers (curl, SDKs) use on the edge URL. */
  invokeKey: string;
  /** The fake provider's base URL (…/v1) when the run started one; its control API is beside it. */
  fakeUrl?: string;
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

/** `vars` go into the worker's variables next to the token (e.g. TRAINERS pointing at the fake provider). */
export async function startStack(opts: { editorPort?: number; vars?: Record<string, string>; fakeUrl?: string } = {}): Promise<Stack> {
  const editorPort = opts.editorPort ?? (await freePort());
  const token = `browser-test-${Math.random().toString(36).slice(2)}`;
  const work = mkdtempSync(join(tmpdir(), 'weir-browser-'));
  const flowsDir = join(work, 'flows');
  cpSync(join(repoRoot, 'flows'), flowsDir, { recursive: true });
  let log = '';
  const procs: ChildProcess[] = [];
  const vars = join(work, 'test.vars');
  // Single quotes: dotenv keeps the value literally (JSON's double quotes included).
  const extra = Object.entries(opts.vars ?? {}).map(([k, v]) => `${k}='${v.replace(/'/g, '')}'\n`);
  writeFileSync(vars, `ADMIN_TOKEN=${token}\nINVOKE_KEYS=browser-invoke\n${extra.join('')}`);
  const env = { ...process.env, WEIR_FLOWS_DIR: flowsDir };
  const run = (cmd: string, args: string[]) => {
    const p = spawn(cmd, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    p.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    p.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    procs.push(p);
  };
  // As `npm start` runs (wrangler dev behind Vite on one port), on a copy of the migrated and
  // seeded state that test/helpers/prepared-state.ts builds once.
  await copyPreparedState(repoRoot, join(work, 'state'));
  run(join(repoRoot, 'node_modules/.bin/tsx'), [
    'scripts/start.ts',
    '--port',
    String(editorPort),
    '--persist-to',
    join(work, 'state'),
    '--env-file',
    vars,
    '--no-editor-build',
    '--no-migrate',
    '--no-seed',
  ]);
  const stop = async () => {
    for (const p of procs) signalGroup(p.pid, 'SIGTERM');
    // start.ts stops Vite and wrangler on SIGTERM; give it time, then make sure.
    await Promise.all(procs.map((p) => exited(p, 10_000)));
    for (const p of procs) signalGroup(p.pid, 'SIGKILL');
    for (const pid of processesUsing(work)) signal(pid, 'SIGKILL');
    rmSync(work, { recursive: true, force: true });
  };
  // If this process ends without stop() (an exception, a closed pipe, a kill), nothing survives it.
  const sweep = () => {
    for (const p of procs) signalGroup(p.pid, 'SIGKILL');
    for (const pid of processesUsing(work)) signal(pid, 'SIGKILL');
  };
  process.once('exit', sweep);
  try {
    await waitFor(`http://127.0.0.1:${editorPort}/v1/health`, 90_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- logs ---\n${log}`);
  }
  return {
    url: `http://127.0.0.1:${editorPort}`,
    work,
    token,
    flowsDir,
    invokeKey: 'browser-invoke',
    fakeUrl: opts.fakeUrl,
    stop,
    logs: () => log,
  };
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

function signalGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid) signal(-pid, sig);
}

function exited(p: ChildProcess, ms: number): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    p.once('exit', () => (clearTimeout(timer), resolve()));
  });
}

/** Processes whose command line or environment names this run's temporary directory (wrangler, workerd, Vite). */
export function processesUsing(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const named = (file: string) => readFileSync(`/proc/${entry}/${file}`, 'utf8').includes(dir);
      if (named('cmdline') || named('environ')) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}
