// Starts `wrangler dev` the way `npm start` does and the end-to-end suite needs it: fixed or free
// port, chosen persistence dir, secrets from .dev.vars or a given env file, offline, and a
// process group that stop() tears down completely.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface DevServerOptions {
  root: string;
  port: number;
  persistTo: string;
  /** Use these env files instead of .dev.vars. */
  envFiles?: string[];
  /** Where wrangler's output goes: inherited (interactive) or collected (tests). */
  output: 'inherit' | 'collect';
  readyTimeoutMs?: number;
  /** A wrangler config other than the root wrangler.toml (benchmarks start a baseline worker). */
  config?: string;
}

export interface DevServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Collected output (output: 'collect'), for diagnostics. */
  log: () => string;
  stop: () => Promise<void>;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** wrangler needs Node >= 22.12; the `node` package in node_modules provides it when the system's is older. */
export function nodeForWrangler(root: string): string {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) return process.execPath;
  const local = join(root, 'node_modules', '.bin', 'node');
  return existsSync(local) ? local : process.execPath;
}

class PortTakenError extends Error {}

/**
 * A free port is only free when it is chosen: another process (a parallel test file's wrangler,
 * workerd's own loopback ports) can take it before wrangler binds it. With no fixed port, a start
 * that loses that race is retried on a new port.
 */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (err) {
      if (!(err instanceof PortTakenError) || opts.port || attempt >= 4) throw err;
    }
  }
}

async function startOnce(opts: DevServerOptions): Promise<DevServer> {
  const port = opts.port || (await freePort());
  const inspectorPort = await freePort();
  const args = [
    join(opts.root, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
  ];
  args.push('--inspector-port', String(inspectorPort), '--persist-to', opts.persistTo, '--show-interactive-dev-session=false');
  for (const file of opts.envFiles ?? []) args.push('--env-file', file);
  if (opts.config) args.push('--config', opts.config);
  const env = {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_HIDE_BANNER: 'true',
    CLOUDFLARE_INCLUDE_PROCESS_ENV: 'false',
    // wrangler's local explorer (/cdn-cgi/local/explorer/api) reads and writes local KV, D1 and R2
    // and answers any Origin with CORS: any page on the machine could read the run log. Off.
    X_LOCAL_EXPLORER: 'false',
    X_LOCAL_OBSERVABILITY: 'false',
  };
  // Own process group, so stop() reaches workerd too, whatever wrangler does with signals.
  const child = spawn(nodeForWrangler(opts.root), args, {
    cwd: opts.root,
    env,
    detached: true,
    stdio: ['ignore', opts.output === 'inherit' ? 'inherit' : 'pipe', opts.output === 'inherit' ? 'inherit' : 'pipe'],
  });
  let collected = '';
  child.stdout?.on('data', (d: Buffer) => (collected = (collected + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (collected = (collected + d.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  const onParentExit = () => killGroup('SIGKILL');
  process.once('exit', onParentExit);
  const stop = async () => {
    process.removeListener('exit', onParentExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    killGroup('SIGKILL'); // workerd children that outlived wrangler
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 90_000);
  let ready = false;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!ready && !gone && Date.now() < deadline) {
    try {
      ready = (await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
      /* not listening yet */
    }
    if (!ready) await new Promise((r) => setTimeout(r, 250));
  }
  if (!ready) {
    await stop();
    if (gone && /address already in use/i.test(collected)) {
      throw new PortTakenError(`wrangler dev could not bind ${url}: the port was taken\n${collected}`);
    }
    throw new Error(`wrangler dev did not become ready on ${url}${gone ? ' (it exited)' : ''}\n${collected}`);
  }
  return { url, port, child, log: () => collected, stop, exited };
}
