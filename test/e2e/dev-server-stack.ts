// Starts `npm start` (Vite in front of wrangler dev) with secrets where a developer's would be:
// an env file named like .dev.vars in the repo root and local state under .wrangler/, both
// temporary and removed by stop(). Saved flow files go to a temporary copy of flows/. The
// developer's own .dev.vars is never read.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { root } from './harness';

export interface LeakStack {
  url: string;
  port: number;
  /** Every secret the stack holds; none may ever reach another origin. */
  secrets: { adminToken: string; invokeKey: string; providerKey: string; stateMarker: string };
  envFile: string;
  stateDir: string;
  flowsDir: string;
  stop: () => Promise<void>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export async function startLeakStack(): Promise<LeakStack> {
  const tag = randomBytes(6).toString('hex');
  const secrets = {
    adminToken: `leaktest-admin-${tag}`,
    invokeKey: `leaktest-invoke-${tag}`,
    providerKey: `sk-leaktest-provider-${tag}`,
    stateMarker: `leaktest-state-${tag}`,
  };
  const envFile = join(root, `.dev.vars.leaktest-${tag}`);
  const stateDir = join(root, '.wrangler', `leaktest-${tag}`);
  const work = mkdtempSync(join(tmpdir(), 'weir-leak-'));
  const flowsDir = join(work, 'flows');
  cpSync(join(root, 'flows'), flowsDir, { recursive: true });
  // The provider points at a closed local port: nothing leaves the machine even if a run started.
  writeFileSync(
    envFile,
    `ADMIN_TOKEN=${secrets.adminToken}\nINVOKE_KEYS=${secrets.invokeKey}\nOPENAI_API_KEY=${secrets.providerKey}\nOPENAI_BASE_URL=http://127.0.0.1:9/v1\n`,
  );
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(join(stateDir, 'marker.txt'), `${secrets.stateMarker}\n`);
  const port = await freePort();
  let log = '';
  const child = spawn(
    join(root, 'node_modules/.bin/tsx'),
    ['scripts/start.ts', '--port', String(port), '--persist-to', join(stateDir, 'state'), '--env-file', envFile, '--no-editor-build'],
    { cwd: root, env: { ...process.env, WEIR_FLOWS_DIR: flowsDir }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    rmSync(envFile, { force: true });
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`${url}/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > end || child.exitCode !== null) {
      await stop();
      throw new Error(`npm start did not come up on ${url}:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url, port, secrets, envFile, stateDir, flowsDir, stop };
}
