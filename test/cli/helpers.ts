// Runs the weir CLI as a real child process on a throwaway copy of flows/, and finds the plain
// system Node (not the one npm puts on PATH) for the shim test.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const weirJs = join(repoRoot, 'cli', 'weir.js');

/** A temp directory holding a copy of the repository's flows/. */
export function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'weir-cli-'));
  cpSync(join(repoRoot, 'flows'), join(dir, 'flows'), { recursive: true });
  return dir;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node cli/weir.js ...args` in `cwd`, without provider keys or a Weir target from this shell. */
export function weir(args: string[], opts: { cwd: string; env?: Record<string, string>; node?: string }): Promise<CliResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(OPENAI_|PROVIDERS$|WEIR_|FORCE_COLOR$)/.test(k)) env[k] = v;
  }
  Object.assign(env, { NO_COLOR: '1' }, opts.env);
  return new Promise((resolve, reject) => {
    const child = spawn(opts.node ?? process.execPath, [weirJs, ...args], {
      cwd: opts.cwd,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Parsed JSON that tests reach into freely; a precise type would only add casts. */
// oxlint-disable-next-line typescript/no-explicit-any
export type LooseJson = Record<string, any>;

export const readJsonFile = (path: string): LooseJson => JSON.parse(readFileSync(path, 'utf8'));
export const writeJsonFile = (path: string, value: unknown) => writeFileSync(path, JSON.stringify(value, null, 2) + '\n');

/** The first `node` on PATH outside node_modules: the system Node the shim must also work with. */
export function systemNode(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir.includes('node_modules')) continue;
    try {
      const path = join(dir, 'node');
      execFileSync(path, ['--version']);
      return path;
    } catch {
      // not here
    }
  }
  return process.execPath;
}

/** How many files `weir validate` checks by default in a copy of the repo's folders (flows and prompts, optionally datasets and evals). */
export function repoFileCount(opts: { datasetsAndEvals?: boolean } = {}): number {
  const count = (dir: string, suffix: string) =>
    readdirSync(join(repoRoot, dir)).filter((f) => f.endsWith(suffix) && !f.endsWith('.schema.json')).length;
  const flows = count('flows', '.json') + count(join('flows', 'prompts'), '.json');
  return opts.datasetsAndEvals ? flows + count('datasets', '.jsonl') + count('evals', '.eval.json') : flows;
}
