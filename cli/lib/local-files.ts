// The flow and prompt files push works from: all of them, or those named by id.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { usageError } from './errors';
import { SCHEMA_FILE } from './files';

export interface LocalSet {
  flows: string[];
  prompts: string[];
}

const jsonFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json') && f !== SCHEMA_FILE)
        .sort()
    : [];

/** Paths of the flows and prompts named by `ids` (each a flow id, a prompt name or both), or all. */
export function localFiles(flowsDir: string, ids: string[]): LocalSet {
  const promptsDir = join(flowsDir, 'prompts');
  if (ids.length === 0)
    return { flows: jsonFiles(flowsDir).map((f) => join(flowsDir, f)), prompts: jsonFiles(promptsDir).map((f) => join(promptsDir, f)) };
  const set: LocalSet = { flows: [], prompts: [] };
  for (const id of ids) {
    const flow = join(flowsDir, `${id}.json`);
    const prompt = join(promptsDir, `${id}.json`);
    if (existsSync(flow)) set.flows.push(flow);
    if (existsSync(prompt)) set.prompts.push(prompt);
    if (!existsSync(flow) && !existsSync(prompt)) throw usageError(`no flow or prompt file named "${id}" in ${flowsDir}`);
  }
  return set;
}
