// Used by `npm start`: serves the editor through Vite (hot reload, flow files written to flows/)
// on the user's port, with /v1 proxied to `wrangler dev` on another port. One URL for users.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface EditorDev {
  url: string;
  stop: () => Promise<void>;
  exited: Promise<number | null>;
}

export async function startEditorDev(opts: {
  root: string;
  port: number;
  workerPort: number;
  adminToken?: string;
  output: 'inherit' | 'collect';
}): Promise<EditorDev> {
  const child = spawn(
    process.execPath,
    [join(opts.root, 'node_modules/vite/bin/vite.js'), '--config', 'editor/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: opts.root,
      env: {
        ...process.env,
        WEIR_EDITOR_PORT: String(opts.port),
        WEIR_WORKER_PORT: String(opts.workerPort),
        ...(opts.adminToken ? { ADMIN_TOKEN: opts.adminToken } : {}),
      },
      stdio: ['ignore', opts.output === 'inherit' ? 'inherit' : 'ignore', opts.output === 'inherit' ? 'inherit' : 'ignore'],
      detached: true,
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${opts.port}`;
  const stop = async () => {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  };
  const end = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite exited with code ${child.exitCode} (is port ${opts.port} in use?)`);
    const ok = await fetch(`${url}/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, stop, exited };
    if (Date.now() > end) {
      await stop();
      throw new Error(`the editor dev server did not answer on ${url}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
