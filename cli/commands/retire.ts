// `weir retire <flow> <version>`: takes a published version out of service (it no longer runs by
// pin and cannot carry a label); --restore puts it back.
import type { Command } from 'commander';
import { addRemoteOptions, apiClient, type RemoteOptions } from '../lib/api';
import { usageError } from '../lib/errors';
import { flowTarget } from '../lib/files';

export function retireCommand(program: Command): void {
  const cmd = program
    .command('retire')
    .description('retire a published flow version so it no longer runs by pin, or restore it')
    .argument('<flow>', 'flow id or file')
    .argument('<version>', 'version number')
    .option('--restore', 'bring a retired version back');
  addRemoteOptions(cmd).addHelpText(
    'after',
    `
A version a label points at cannot be retired: move or delete the label first.

Examples:
  weir retire support-x1000 2
  weir retire support-x1000 2 --restore`,
  );
  cmd.action(async (arg: string, version: string, opts: RemoteOptions & { restore?: boolean }) => {
    if (!/^[1-9][0-9]*$/.test(version)) throw usageError(`"${version}" is not a version number`);
    const { id } = flowTarget(arg);
    const action = opts.restore ? 'restore' : 'retire';
    await apiClient(opts).request('POST', `/flows/${id}/versions/${version}/${action}`);
    console.log(`flow ${id}: version ${version} ${opts.restore ? 'restored' : 'retired'}`);
  });
}
