// Finding flow and prompt files: the flows/ directory (here or above), directory expansion, flow
// arguments given as a path or an id, and paths shown relative to where the user stands.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { CliError, usageError } from './errors';

export type FileKind = 'flow' | 'prompt' | 'dataset' | 'eval';
export interface FoundFile {
  path: string;
  kind: FileKind;
}

export const SCHEMA_FILE = 'flow.schema.json';

/** The nearest `flows/` directory at or above the working directory. */
export function findFlowsDir(from = process.cwd()): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'flows');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    if (dirname(dir) === dir) throw new CliError('no flows/ directory here or in any parent; run weir from the repository or pass paths');
  }
}

export const display = (path: string): string => relative(process.cwd(), path) || '.';

export const kindOf = (path: string): FileKind =>
  path.endsWith('.jsonl')
    ? 'dataset'
    : path.endsWith('.eval.json')
      ? 'eval'
      : basename(dirname(resolve(path))) === 'prompts'
        ? 'prompt'
        : 'flow';

function expandDir(dir: string, out: FoundFile[]): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'results') expandDir(path, out);
    } else if ((name.endsWith('.json') && !name.endsWith('.schema.json')) || name.endsWith('.jsonl'))
      out.push({ path, kind: kindOf(path) });
  }
}

/** flows/, and datasets/ and evals/ beside it when they exist. */
function defaultDirs(): string[] {
  const flows = findFlowsDir();
  const root = dirname(flows);
  return [flows, ...['datasets', 'evals'].map((d) => join(root, d)).filter((d) => existsSync(d) && statSync(d).isDirectory())];
}

/** Files to check or format: the given files and directories (expanded), or all of flows/. */
export function expandPaths(paths: string[]): FoundFile[] {
  const out: FoundFile[] = [];
  for (const p of paths.length ? paths : defaultDirs()) {
    const path = resolve(p);
    if (!existsSync(path)) throw usageError(`no such file or directory: ${p}`);
    if (statSync(path).isDirectory()) expandDir(path, out);
    else out.push({ path, kind: kindOf(path) });
  }
  return out;
}

export type JsonRead = { text: string; value: unknown; error?: undefined } | { text: string; value?: undefined; error: string };

export function readJson(path: string): JsonRead {
  const text = readFileSync(path, 'utf8');
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { text, error: `not valid JSON: ${(err as Error).message}` };
  }
}

/** A flow given as a file path or as an id in flows/. */
export function resolveFlowArg(arg: string): string {
  if (existsSync(arg) && statSync(arg).isFile()) return resolve(arg);
  if (/^[a-z0-9][a-z0-9_-]*$/.test(arg)) {
    const path = join(findFlowsDir(), `${arg}.json`);
    if (existsSync(path)) return path;
    throw usageError(`no flow "${arg}": neither a file nor ${display(path)}`);
  }
  throw usageError(`no such flow file: ${arg}`);
}

/** The flow's id from its file name (flows/<id>.json). */
export const idFromPath = (path: string): string => basename(path).replace(/\.json$/, '');

/** A flow named by path or id for remote commands: its id, and its local file when there is one. */
export function flowTarget(arg: string): { id: string; path?: string } {
  if (existsSync(arg) && statSync(arg).isFile()) {
    const read = readJson(arg);
    const id = read.value && typeof (read.value as { id?: unknown }).id === 'string' ? (read.value as { id: string }).id : idFromPath(arg);
    return { id, path: resolve(arg) };
  }
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(arg)) throw usageError(`"${arg}" is neither a flow file nor a flow id`);
  let path: string | undefined;
  try {
    path = join(findFlowsDir(), `${arg}.json`);
  } catch {
    path = undefined;
  }
  return { id: arg, path: path && existsSync(path) ? path : undefined };
}
