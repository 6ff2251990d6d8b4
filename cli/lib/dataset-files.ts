// Dataset and eval files on disk: the datasets/ and evals/ directories beside flows/, dataset
// arguments given as a path or a name, and reading a dataset with every problem.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDataset, type ParsedDataset } from '../../worker/datasets';
import { usageError } from './errors';
import { display, findFlowsDir } from './files';

export const repoRoot = (): string => dirname(findFlowsDir());
export const datasetsDir = (): string => join(repoRoot(), 'datasets');
export const evalsDir = (): string => join(repoRoot(), 'evals');

/** A dataset given as a file path or as a name in datasets/. */
export function resolveDatasetArg(arg: string): string {
  if (existsSync(arg) && statSync(arg).isFile()) return resolve(arg);
  if (/^[a-z0-9][a-z0-9_-]*$/.test(arg)) {
    const path = join(datasetsDir(), `${arg}.jsonl`);
    if (existsSync(path)) return path;
    throw usageError(`no dataset "${arg}": neither a file nor ${display(path)}`);
  }
  throw usageError(`no such dataset file: ${arg}`);
}

export function readDataset(path: string): ParsedDataset & { text: string } {
  const text = readFileSync(path, 'utf8');
  return { ...parseDataset(text), text };
}
