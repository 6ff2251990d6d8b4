// `weir push [ids...]`: flows (PUT) and prompts (new versions only, then labels) from files to a
// worker. Existing prompt versions are never rewritten: a differing one is reported as a conflict.
import type { Command } from 'commander';
import { formatFlow, parseFlow } from '../../worker/engine';
import { promptFile } from '../../worker/store/prompt-schema';
import { addRemoteOptions, apiClient, ApiFailure, type ApiClient, type RemoteOptions } from '../lib/api';
import { checkPromptFile } from '../lib/prompt-file';
import { ExitCode } from '../lib/errors';
import { display, findFlowsDir, idFromPath, readJson } from '../lib/files';
import { localFiles } from '../lib/local-files';
import { problemLine } from '../lib/problems';
import { planPromptPush, type RemotePrompt } from '../lib/remote-prompts';

/** Reports a failure that stops this file but not the others. */
const fail = (message: string): false => {
  console.error(message);
  return false;
};

interface PushOptions extends RemoteOptions {
  draft?: boolean;
  pruneLabels?: boolean;
}

async function pushFlow(api: ApiClient, path: string, opts: PushOptions): Promise<boolean> {
  const read = readJson(path);
  if (read.error !== undefined) return fail(`${display(path)}: ${read.error}`);
  const parsed = parseFlow(read.value);
  const id = parsed.flow?.id ?? idFromPath(path);
  if (!parsed.valid && !opts.draft) {
    for (const p of parsed.problems.filter((x) => x.severity === 'error')) console.error(problemLine(display(path), p));
    return fail(`flow ${id}: not pushed, it has errors (fix them, or push with --draft)`);
  }
  const current = await api.request<{ flow: unknown }>('GET', `/flows/${id}`, undefined, { allow404: true });
  if (current.status === 200 && formatFlow(current.body.flow) === formatFlow(read.value)) {
    console.log(`flow ${id}: unchanged`);
    return true;
  }
  try {
    await api.request('PUT', `/flows/${id}${opts.draft ? '?draft=1' : ''}`, read.value);
  } catch (err) {
    if (!(err instanceof ApiFailure) || err.status !== 422) throw err;
    for (const i of err.body.error?.issues ?? [])
      console.error(`${display(path)}: ${i.path}${i.nodeId ? ` (node ${i.nodeId})` : ''}: ${i.message} [${i.code}]`);
    return fail(`flow ${id}: the worker refused it (${err.message})`);
  }
  console.log(`flow ${id}: pushed${current.status === 404 ? ' (new)' : ''}`);
  return true;
}

async function pushPrompt(api: ApiClient, path: string, opts: PushOptions): Promise<boolean> {
  const read = readJson(path);
  if (read.error !== undefined) return fail(`${display(path)}: ${read.error}`);
  const errors = checkPromptFile(read.value, idFromPath(path)).filter((p) => p.severity === 'error');
  const parsed = promptFile.safeParse(read.value);
  if (errors.length || !parsed.success) {
    for (const p of errors) console.error(problemLine(display(path), p));
    return fail(`prompt ${idFromPath(path)}: not pushed, the file has errors`);
  }
  const file = parsed.data;
  const remote = await api.request<RemotePrompt>('GET', `/prompts/${file.name}`, undefined, { allow404: true });
  const plan = planPromptPush(file, remote.status === 200 ? remote.body : undefined);
  for (const c of plan.conflicts) console.error(`prompt ${file.name}: conflict: ${c}`);
  if (plan.conflicts.length) return false;
  for (const v of plan.toAdd) {
    const { version, ...body } = v; // createdAt included: the worker keeps the file's date
    const added = await api.request<{ version: number }>('POST', `/prompts/${file.name}/versions`, {
      ...body,
      description: file.description,
    });
    if (added.body.version !== version)
      return fail(`prompt ${file.name}: the worker numbered version ${version} as ${added.body.version}; run weir pull ${file.name}`);
    console.log(`prompt ${file.name}: added version ${version}`);
  }
  for (const l of plan.labels) {
    await api.request('PUT', `/prompts/${file.name}/labels/${l.label}`, { version: l.version });
    console.log(`prompt ${file.name}: label ${l.label} -> ${l.version}${l.from !== undefined ? ` (was ${l.from})` : ''}`);
  }
  for (const label of plan.extraLabels) {
    if (opts.pruneLabels) {
      await api.request('DELETE', `/prompts/${file.name}/labels/${label}`);
      console.log(`prompt ${file.name}: label ${label} deleted`);
    } else console.log(`prompt ${file.name}: label ${label} exists only on the worker (kept; --prune-labels deletes it)`);
  }
  if (plan.onlyRemote.length)
    console.log(`prompt ${file.name}: the worker also has version(s) ${plan.onlyRemote.join(', ')} (weir pull ${file.name} to get them)`);
  if (!plan.toAdd.length && !plan.labels.length) console.log(`prompt ${file.name}: unchanged`);
  return true;
}

export function pushCommand(program: Command): void {
  const cmd = program
    .command('push')
    .description('send flows and prompts from files to a Weir worker')
    .argument('[ids...]', 'flow ids and prompt names (default: everything in flows/)')
    .option('--draft', 'store flows with errors as drafts (PUT ?draft=1)')
    .option('--prune-labels', 'delete prompt labels the files do not have');
  addRemoteOptions(cmd).addHelpText(
    'after',
    `
Prompt versions are immutable: push adds the versions the worker lacks and moves labels to match
the files; a version whose number exists with other content is a conflict (exit 1).

Examples:
  weir push                                   everything, to $WEIR_URL or http://127.0.0.1:8787
  weir push support-x1000 support-classify
  weir push --url https://weir.example.workers.dev --token "$WEIR_ADMIN_TOKEN"`,
  );
  cmd.action(async (ids: string[], opts: PushOptions) => {
    const set = localFiles(findFlowsDir(), ids);
    const api = apiClient(opts);
    let ok = true;
    for (const path of set.prompts) ok = (await pushPrompt(api, path, opts)) && ok;
    for (const path of set.flows) ok = (await pushFlow(api, path, opts)) && ok;
    if (!ok) throw new ExitCode(1);
  });
}
