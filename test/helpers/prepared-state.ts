// A migrated and seeded local state dir, built once per content and copied for each server a test
// starts: applying the D1 migrations and seeding KV/D1 each boot a workerd of their own (about 25 s
// of the 35 s a start takes on a loaded 2-core machine). The template is keyed by everything that
// shapes it (migrations, seed code, flows, datasets, evals), so a change rebuilds it; the real
// `npm start` path (migrate, seed, report) still runs for every start that keeps its own state
// dir, and start.test.ts checks it.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { nodeForWrangler } from '../../scripts/lib/dev-server';

const SHAPING = ['migrations', 'flows', 'datasets', 'evals', 'scripts/lib', 'wrangler.toml', 'worker'];

function filesUnder(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [full];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function templateKey(root: string): string {
  const hash = createHash('sha256');
  for (const path of SHAPING)
    for (const file of filesUnder(root, path)) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * Copies a migrated, seeded state into `stateDir` (which must not exist yet) and returns the seed
 * report (scripts/lib/seed.ts SeedReport). Seeding runs as `npm run seed` does, in a child process:
 * the browser specs import this file under the editor's tsconfig, which has no Workers types.
 */
export async function copyPreparedState(root: string, stateDir: string): Promise<unknown> {
  const template = join(tmpdir(), `weir-state-template-${templateKey(root)}`);
  if (!existsSync(join(template, 'seed.json'))) {
    // Parallel test files may build it at once: each builds its own, the first rename wins.
    const building = mkdtempSync(join(tmpdir(), 'weir-state-building-'));
    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const args = [tsx, join(root, 'scripts', 'seed.ts'), '--migrate', '--persist-to', join(building, 'state')];
    await promisify(execFile)(nodeForWrangler(root), [...args, '--report', join(building, 'seed.json')], { cwd: root });
    try {
      renameSync(building, template);
    } catch {
      rmSync(building, { recursive: true, force: true });
    }
  }
  cpSync(join(template, 'state'), stateDir, { recursive: true });
  return JSON.parse(readFileSync(join(template, 'seed.json'), 'utf8')) as unknown;
}
