// Checks one flow or prompt file: JSON syntax, the engine's validation (flows) or the prompt file
// rules, the id against the file name, and prompt references against the prompt files beside it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkInput, jsonPath, nodeRegistry, parseFlow, type Flow, type Problem } from '../../worker/engine';
import { idFromPath, readJson, type FoundFile } from './files';
import { flowCheckOptions } from './flow-check-options';
import { checkPromptFile } from './prompt-file';
import { parseDataset } from '../../worker/datasets';
import { loadEval } from './eval-load';
import { filePromptResolver } from './prompt-resolver';

export interface CheckedFile extends FoundFile {
  problems: Problem[];
}

async function promptRefProblems(flow: Flow, path: string): Promise<Problem[]> {
  const dir = join(dirname(path), 'prompts');
  if (!existsSync(dir)) return [];
  const resolver = filePromptResolver(dir);
  const problems: Problem[] = [];
  for (const [index, node] of flow.nodes.entries()) {
    const def = nodeRegistry.get(node.type);
    let refs: { path: (string | number)[]; source: string }[] = [];
    try {
      refs = def?.promptRefs(node.data) ?? [];
    } catch {
      continue; // data the validator already reported
    }
    for (const ref of refs) {
      try {
        await resolver.resolve(ref.source);
      } catch (err) {
        const message = `${(err as Error).message} (the worker may still have it)`;
        problems.push({
          code: 'prompt_not_in_files',
          message,
          path: jsonPath(['nodes', index, 'data', ...ref.path]),
          nodeId: node.id,
          severity: 'warning',
        });
      }
    }
  }
  return problems;
}

/** A dataset's problems, plus warnings for inputs that do not fit the flow named like the dataset. */
function datasetProblems(path: string): Problem[] {
  const parsed = parseDataset(readFileSync(path, 'utf8'));
  const flowPath = join(dirname(dirname(path)), 'flows', `${idFromPath(path).replace(/\.jsonl$/, '')}.json`);
  const flow = existsSync(flowPath) ? parseFlow(readFileSync(flowPath, 'utf8')).flow : undefined;
  if (!flow) return parsed.problems;
  const warnings = parsed.items.flatMap((item) =>
    item.input
      ? checkInput(flow, item.input).map((p) => ({
          ...p,
          path: `item ${item.id}: ${p.path}`,
          severity: 'warning' as const,
          message: `${p.message} (flow ${flow.id})`,
        }))
      : [],
  );
  return [...parsed.problems, ...warnings];
}

export async function checkFile(file: FoundFile): Promise<CheckedFile> {
  if (file.kind === 'dataset') return { ...file, problems: datasetProblems(file.path) };
  const read = readJson(file.path);
  if (read.error !== undefined) return { ...file, problems: [{ code: 'json_syntax', message: read.error, path: '$', severity: 'error' }] };
  if (file.kind === 'prompt') return { ...file, problems: checkPromptFile(read.value, idFromPath(file.path)) };
  if (file.kind === 'eval') return { ...file, problems: (await loadEval(file.path)).problems };
  const parsed = parseFlow(read.value, await flowCheckOptions(read.value, file.path));
  const problems = [...parsed.problems];
  if (parsed.flow && parsed.flow.id !== idFromPath(file.path)) {
    problems.push({
      code: 'id_mismatch',
      message: `the flow's id "${parsed.flow.id}" differs from its file name ${idFromPath(file.path)}.json`,
      path: '$.id',
      severity: 'warning',
    });
  }
  if (parsed.flow) problems.push(...(await promptRefProblems(parsed.flow, file.path)));
  return { ...file, problems };
}
