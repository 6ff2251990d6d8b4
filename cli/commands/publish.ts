// `weir publish <flow>`: turns the worker's current draft into an immutable numbered version
// (POST /v1/flows/:id/versions), optionally pushing the local file first and pointing a label at it.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatFlow } from '../../worker/engine';
import { addRemoteOptions, apiClient, type RemoteOptions } from '../lib/api';
import { CliError, usageError } from '../lib/errors';
import { display, flowTarget } from '../lib/files';
import { checkLabelName } from './label';

interface PublishOptions extends RemoteOptions {
  label?: string;
  note?: string;
  push?: boolean;
}

export function publishCommand(program: Command): void {
  const cmd = program
    .command('publish')
    .description("publish a flow's draft on the worker as a new immutable version")
    .argument('<flow>', 'flow id or file')
    .option('-l, --label <label>', 'then point this label at the version (e.g. production)')
    .option('-n, --note <text>', 'a note stored with the version')
    .option('--push', 'PUT the local file as the draft first');
  addRemoteOptions(cmd).addHelpText(
    'after',
    `
Examples:
  weir publish support-x1000 --note "tighter classifier"
  weir publish support-x1000 --push --label production`,
  );
  cmd.action(async (arg: string, opts: PublishOptions) => {
    if (opts.label !== undefined) checkLabelName(opts.label);
    const target = flowTarget(arg);
    if (opts.push && !target.path) throw usageError(`--push needs a local file for "${target.id}"`);
    const api = apiClient(opts);
    if (opts.push) {
      await api.request('PUT', `/flows/${target.id}`, JSON.parse(readFileSync(target.path!, 'utf8')));
      console.log(`flow ${target.id}: pushed ${display(target.path!)}`);
    } else if (target.path) {
      const draft = await api.request<{ flow: unknown }>('GET', `/flows/${target.id}`, undefined, { allow404: true });
      if (draft.status === 404) throw new CliError(`the worker has no flow "${target.id}"; run weir push ${target.id} or pass --push`);
      if (formatFlow(draft.body.flow) !== formatFlow(JSON.parse(readFileSync(target.path, 'utf8')))) {
        console.error(
          `note: the worker's draft of ${target.id} differs from ${display(target.path)}; publishing the worker's draft (--push sends the file first)`,
        );
      }
    }
    const res = await api.request<{ version: number; hash: string; createdAt: string }>(
      'POST',
      `/flows/${target.id}/versions`,
      opts.note ? { note: opts.note } : {},
    );
    const short = res.body.hash.slice(0, 12);
    console.log(
      res.status === 201
        ? `flow ${target.id}: published version ${res.body.version} (${short})`
        : `flow ${target.id}: unchanged, already version ${res.body.version} (${short})`,
    );
    if (opts.label !== undefined) {
      await api.request('PUT', `/flows/${target.id}/labels/${opts.label}`, { version: res.body.version });
      console.log(`flow ${target.id}: label ${opts.label} -> ${res.body.version}`);
    }
  });
}
