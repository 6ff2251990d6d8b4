// `weir pull [ids...]`: flows and prompts from a Weir worker into canonical files under flows/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { formatFlow } from '../../worker/engine';
import { addRemoteOptions, apiClient, type ApiClient, type RemoteOptions } from '../lib/api';
import { CliError } from '../lib/errors';
import { display, findFlowsDir } from '../lib/files';
import { formatPromptFile } from '../lib/prompt-file';
import { promptFileFromRemote, type RemotePrompt } from '../lib/remote-prompts';

function write(path: string, text: string): void {
  const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (before === text) return console.log(`${display(path)}: unchanged`);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  console.log(`${display(path)}: ${before === undefined ? 'created' : 'updated'}`);
}

async function pullFlow(api: ApiClient, dir: string, id: string): Promise<boolean> {
  const res = await api.request<{ flow: unknown; problems?: { severity: string }[] }>('GET', `/flows/${id}`, undefined, { allow404: true });
  if (res.status === 404) return false;
  write(join(dir, `${id}.json`), formatFlow(res.body.flow));
  const errors = (res.body.problems ?? []).filter((p) => p.severity === 'error').length;
  if (errors) console.log(`  flow ${id} is a draft with ${errors} error(s); weir validate shows them`);
  return true;
}

async function pullPrompt(api: ApiClient, dir: string, name: string): Promise<boolean> {
  const res = await api.request<RemotePrompt>('GET', `/prompts/${name}`, undefined, { allow404: true });
  if (res.status === 404) return false;
  write(join(dir, 'prompts', `${name}.json`), formatPromptFile(promptFileFromRemote(res.body)));
  return true;
}

function flowsDirOrNew(): string {
  try {
    return findFlowsDir();
  } catch {
    return join(process.cwd(), 'flows');
  }
}

export function pullCommand(program: Command): void {
  const cmd = program
    .command('pull')
    .description('write flows and prompts from a Weir worker into canonical files under flows/')
    .argument('[ids...]', 'flow ids and prompt names (default: everything on the worker)');
  addRemoteOptions(cmd).addHelpText(
    'after',
    `
Examples:
  weir pull                                   every flow and prompt
  weir pull support-x1000 health-general      one flow and one prompt
  weir pull --url https://weir.example.workers.dev`,
  );
  cmd.action(async (ids: string[], opts: RemoteOptions) => {
    const api = apiClient(opts);
    const dir = flowsDirOrNew();
    if (ids.length === 0) {
      const flows = await api.request<{ flows: { id: string }[] }>('GET', '/flows');
      const prompts = await api.request<{ prompts: { name: string }[] }>('GET', '/prompts');
      for (const f of flows.body.flows) await pullFlow(api, dir, f.id);
      for (const p of prompts.body.prompts) await pullPrompt(api, dir, p.name);
      if (!flows.body.flows.length && !prompts.body.prompts.length) console.log(`the worker at ${api.url} has no flows or prompts`);
      return;
    }
    for (const id of ids) {
      const found = [await pullFlow(api, dir, id), await pullPrompt(api, dir, id)];
      if (!found.some(Boolean)) throw new CliError(`the worker at ${api.url} has no flow or prompt named "${id}"`);
    }
  });
}
