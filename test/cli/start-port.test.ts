// `npm start` with its port taken: a clear message naming --port, no ready banner, exit 1.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers';

let blocker: Server;
let port = 0;
beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  port = (blocker.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((r) => blocker.close(() => r())));

function start(args: string[]): Promise<{ code: number | null; out: string }> {
  const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, join(repoRoot, 'scripts', 'start.ts'), ...args], { cwd: repoRoot });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('npm start on a port that is in use', () => {
  it('says the port is in use and how to choose another, without the ready banner', async () => {
    const { code, out } = await start(['--port', String(port), '--no-editor-build', '--no-seed']);
    expect(code).toBe(1);
    expect(out).toContain(`port ${port} is already in use`);
    expect(out).toContain('--port');
    expect(out).not.toContain('Weir is running');
    expect(out).not.toContain('Sign in:');
  }, 60_000);

  it('refuses a port that is not a number', async () => {
    const { code, out } = await start(['--port', 'eighty', '--no-editor-build', '--no-seed']);
    expect(code).toBe(1);
    expect(out).toContain('--port must be a number');
  }, 60_000);
});
