// `weir label <flow> <label> <version>`: points a flow label at a published version; --delete removes it.
import type { Command } from 'commander';
import { addRemoteOptions, apiClient, type RemoteOptions } from '../lib/api';
import { usageError } from '../lib/errors';
import { flowTarget } from '../lib/files';

export function checkLabelName(label: string): string {
  if (!/^[a-z][a-z0-9_-]{0,63}$/.test(label))
    throw usageError(`"${label}" is not a label name (lowercase letters, digits, "-" and "_", starting with a letter)`);
  if (label === 'latest') throw usageError('"latest" always follows the newest version and cannot be set');
  return label;
}

export function labelCommand(program: Command): void {
  const cmd = program
    .command('label')
    .description('point a flow label (production, staging ...) at a version, or delete it')
    .argument('<flow>', 'flow id or file')
    .argument('<label>', 'label name')
    .argument('[version]', 'version number (not with --delete)')
    .option('-d, --delete', 'remove the label');
  addRemoteOptions(cmd).addHelpText(
    'after',
    `
Examples:
  weir label support-x1000 production 3
  weir label support-x1000 staging --delete`,
  );
  cmd.action(async (arg: string, label: string, version: string | undefined, opts: RemoteOptions & { delete?: boolean }) => {
    checkLabelName(label);
    if (opts.delete && version !== undefined) throw usageError('--delete takes no version');
    if (!opts.delete && (version === undefined || !/^[1-9][0-9]*$/.test(version)))
      throw usageError('pass the version number the label should point at, e.g. weir label my-flow production 3');
    const { id } = flowTarget(arg);
    const api = apiClient(opts);
    const res = opts.delete
      ? await api.request<{ labels: Record<string, number> }>('DELETE', `/flows/${id}/labels/${label}`)
      : await api.request<{ labels: Record<string, number> }>('PUT', `/flows/${id}/labels/${label}`, { version: Number(version) });
    console.log(opts.delete ? `flow ${id}: label ${label} deleted` : `flow ${id}: label ${label} -> ${version}`);
    const rest = Object.entries(res.body.labels ?? {}).map(([l, v]) => `${l} -> ${v}`);
    if (rest.length) console.log(`labels: ${rest.join(', ')}`);
  });
}
