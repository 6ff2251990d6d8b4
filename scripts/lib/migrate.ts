// Applies the D1 migrations in migrations/ with wrangler's own migration runner, locally (into
// the persistence dir `wrangler dev --persist-to` uses) or remotely (deploy).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { nodeForWrangler } from './dev-server';

export interface MigrateOptions {
  root: string;
  /** Local state dir (as given to `wrangler dev --persist-to`); omitted with remote. */
  persistTo?: string;
  remote?: boolean;
}

export function applyMigrations(opts: MigrateOptions): Promise<{ code: number; output: string }> {
  const args = [join(opts.root, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), 'd1', 'migrations', 'apply', 'WEIR_DB'];
  if (opts.remote) args.push('--remote');
  else args.push('--local', '--persist-to', opts.persistTo ?? join(opts.root, '.wrangler', 'state'));
  const env = {
    ...process.env,
    CI: 'true', // no confirmation prompt
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_HIDE_BANNER: 'true',
  };
  return new Promise((resolve) => {
    const child = spawn(nodeForWrangler(opts.root), args, { cwd: opts.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}
