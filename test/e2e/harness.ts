// Starts a real `wrangler dev` through `scripts/start.ts` itself (what `npm start` runs), in its
// machine mode: a free port, a temp persistence dir, a temp env file instead of .dev.vars, no
// banner. stop() sends SIGTERM as Ctrl+C would, then makes sure both process groups are gone.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatDotenv, newToken } from '../../scripts/lib/dev-vars';
import { nodeForWrangler } from '../../scripts/lib/dev-server';
import type { SeedReport } from '../../scripts/lib/seed';
import { copyPreparedState } from '../helpers/prepared-state';
import type { Flow } from '../../worker/engine';

export const root = resolve(import.meta.dirname, '..', '..');

export interface Weir {
  url: string;
  adminToken: string;
  invokeKey: string;
  seed: SeedReport;
  stop: () => Promise<void>;
}

const killGroup = (pid: number | undefined, signal: NodeJS.Signals) => {
  try {
    if (pid) process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
};

/**
 * `opts.dir` keeps state across starts (the caller removes it) and goes through `npm start`'s own
 * migrate and seed steps; otherwise each start gets a temp dir with a copy of the prepared state.
 */
export async function startWeir(vars: Record<string, string> = {}, opts: { dir?: string } = {}): Promise<Weir> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'weir-e2e-'));
  mkdirSync(dir, { recursive: true });
  const prepared = opts.dir ? undefined : ((await copyPreparedState(root, join(dir, 'state'))) as SeedReport);
  const adminToken = newToken('weir_admin');
  const invokeKey = newToken('weir_invoke');
  const envFile = join(dir, 'test.env');
  writeFileSync(envFile, formatDotenv({ ADMIN_TOKEN: adminToken, INVOKE_KEYS: invokeKey, ...vars }, '# e2e'));
  const args = [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'start.ts'), '--machine', '--port', '0'];
  args.push('--persist-to', join(dir, 'state'), '--env-file', envFile, '--no-editor-build');
  if (prepared) args.push('--no-migrate', '--no-seed');
  const child = spawn(nodeForWrangler(root), args, { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let wranglerPid: number | undefined;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    killGroup(child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    killGroup(child.pid, 'SIGKILL');
    killGroup(wranglerPid, 'SIGKILL');
    if (!opts.dir) rmSync(dir, { recursive: true, force: true });
  };
  const ready = await new Promise<{ url: string; wranglerPid: number; seed: SeedReport } | undefined>((resolveReady) => {
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const line = /^WEIR_READY (.*)$/m.exec(output);
      if (line) resolveReady(JSON.parse(line[1]) as { url: string; wranglerPid: number; seed: SeedReport });
    });
    void exited.then(() => resolveReady(undefined));
  });
  if (!ready) {
    await stop();
    throw new Error(`scripts/start.ts exited before it was ready:\n${output}`);
  }
  wranglerPid = ready.wranglerPid;
  return { url: ready.url, adminToken, invokeKey, seed: prepared ?? ready.seed, stop };
}

/** Every example flow in flows/ (the prompt files live in flows/prompts/). */
export function exampleFlows(): Flow[] {
  const dir = join(root, 'flows');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Flow);
}

export { parseSse, type SseEvent } from '../helpers/sse';
