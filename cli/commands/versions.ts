// `weir versions <flow>`: the flow's published versions and which labels point at each.
import type { Command } from 'commander';
import { addRemoteOptions, apiClient, type RemoteOptions } from '../lib/api';
import { flowTarget } from '../lib/files';

interface VersionList {
  versions: { version: number; hash: string; createdAt: string; note?: string; retired?: boolean }[];
  labels: Record<string, number>;
}

export function versionsCommand(program: Command): void {
  const cmd = program
    .command('versions')
    .description("list a flow's published versions and its labels")
    .argument('<flow>', 'flow id or file')
    .option('--json', 'print {versions, labels} as the API returns it');
  addRemoteOptions(cmd).addHelpText(
    'after',
    `
Examples:
  weir versions support-x1000
  weir versions support-x1000 --json`,
  );
  cmd.action(async (arg: string, opts: RemoteOptions & { json?: boolean }) => {
    const { id } = flowTarget(arg);
    const { body } = await apiClient(opts).request<VersionList>('GET', `/flows/${id}/versions`);
    if (opts.json) return void process.stdout.write(JSON.stringify(body, null, 2) + '\n');
    if (body.versions.length === 0) return console.log(`flow ${id} has no published versions (weir publish ${id})`);
    const rows = [...body.versions]
      .sort((a, b) => b.version - a.version)
      .map((v) => [
        String(v.version),
        v.hash.slice(0, 12),
        v.createdAt.replace('T', ' ').slice(0, 16),
        [
          ...Object.keys(body.labels)
            .filter((l) => body.labels[l] === v.version)
            .sort(),
          ...(v.retired ? ['(retired)'] : []),
        ].join(', '),
        v.note ?? '',
      ]);
    const table = [['VERSION', 'HASH', 'CREATED', 'LABELS', 'NOTE'], ...rows];
    const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
    for (const r of table)
      console.log(
        r
          .map((c, i) => c.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
      );
  });
}
