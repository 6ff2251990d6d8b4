// `weir diff <a> <b>` and `weir diff <flow> --rev <ref>`: a semantic diff of two flows (nodes,
// fields, edges, prompt refs) instead of a line diff; --json for tools.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Command } from 'commander';
import { diffFlows, formatDiff, parseFlow, type Flow } from '../../worker/engine';
import { useColor } from '../lib/color';
import { CliError, ExitCode, usageError } from '../lib/errors';
import { display, resolveFlowArg } from '../lib/files';

function toFlow(text: string, label: string): Flow {
  const parsed = parseFlow(text);
  if (!parsed.flow) {
    const first = parsed.problems.find((p) => p.severity === 'error');
    throw new CliError(`${label} is not a flow file${first ? `: ${first.path}: ${first.message}` : ''}`);
  }
  return parsed.flow;
}

function atRevision(path: string, rev: string): string {
  try {
    return execFileSync('git', ['show', `${rev}:./${basename(path)}`], {
      cwd: dirname(path),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? '')
      .trim()
      .split('\n')[0];
    throw new CliError(`cannot read ${display(path)} at ${rev}: ${stderr || (err as Error).message}`);
  }
}

export function diffCommand(program: Command): void {
  program
    .command('diff')
    .description('semantic diff of two flows: nodes, fields, edges, flow settings, prompt refs')
    .argument('<a>', 'a flow file or id (the "before" side)')
    .argument('[b]', 'a second flow file or id (the "after" side)')
    .option('--rev <git-ref>', 'compare <a> as it is now with its version at this git ref')
    .option('--moved', 'list moved nodes one by one (position-only changes)')
    .option('--json', 'print the FlowDiff as JSON')
    .option('--exit-code', 'exit 1 when the flows differ (like git diff --exit-code)')
    .addHelpText(
      'after',
      `
Examples:
  weir diff flows/support-x1000.json /tmp/support-x1000.json
  weir diff support-x1000 --rev HEAD~1          what changed since the previous commit
  weir diff support-x1000 --rev main --json`,
    )
    .action((aArg: string, bArg: string | undefined, opts: { rev?: string; moved?: boolean; json?: boolean; exitCode?: boolean }) => {
      if (opts.rev !== undefined && bArg !== undefined) throw usageError('pass two flows or one flow with --rev, not both');
      if (opts.rev === undefined && bArg === undefined) throw usageError('pass two flows to compare, or one flow with --rev <git-ref>');
      const aPath = resolveFlowArg(aArg);
      let before: Flow;
      let after: Flow;
      if (opts.rev !== undefined) {
        before = toFlow(atRevision(aPath, opts.rev), `${display(aPath)} at ${opts.rev}`);
        after = toFlow(readText(aPath), display(aPath));
      } else {
        const bPath = resolveFlowArg(bArg!);
        before = toFlow(readText(aPath), display(aPath));
        after = toFlow(readText(bPath), display(bPath));
      }
      const diff = diffFlows(before, after);
      if (opts.json) process.stdout.write(JSON.stringify(diff, null, 2) + '\n');
      else process.stdout.write(formatDiff(diff, { color: useColor(), moved: opts.moved }));
      if (opts.exitCode && (!diff.same || diff.nodes.moved.length > 0)) throw new ExitCode(1);
    });
}

const readText = (path: string) => readFileSync(path, 'utf8');
