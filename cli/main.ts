// The weir CLI: one commander program, one file per command in commands/. Errors become one line
// on stderr (stack traces only with WEIR_DEBUG=1); exit 1 for problems, 2 for usage mistakes.
import { Command, CommanderError } from 'commander';
import { datasetCommand } from './commands/dataset';
import { diffCommand } from './commands/diff';
import { evalCommand } from './commands/eval';
import { experimentCommand } from './commands/experiment';
import { finetuneCommand } from './commands/finetune';
import { fmtCommand } from './commands/fmt';
import { labelCommand } from './commands/label';
import { publishCommand } from './commands/publish';
import { pullCommand } from './commands/pull';
import { pushCommand } from './commands/push';
import { retireCommand } from './commands/retire';
import { runCommand } from './commands/run';
import { runsCommand } from './commands/runs';
import { validateCommand } from './commands/validate';
import { versionsCommand } from './commands/versions';
import { CliError, ExitCode } from './lib/errors';

const program = new Command('weir')
  .description('Weir: check, format, run, diff and ship LLM flows')
  .exitOverride()
  .showHelpAfterError('(run with --help for usage)')
  .configureOutput({ outputError: (text, write) => write(text) });

for (const add of [
  validateCommand,
  fmtCommand,
  runCommand,
  runsCommand,
  diffCommand,
  pushCommand,
  pullCommand,
  publishCommand,
  labelCommand,
  retireCommand,
  versionsCommand,
  datasetCommand,
  evalCommand,
  finetuneCommand,
  experimentCommand,
])
  add(program);

function exitWith(err: unknown): number {
  if (err instanceof ExitCode) return err.exitCode;
  if (err instanceof CommanderError) {
    // Help and --version "errors" are successes; every other commander error is a usage mistake.
    return ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(err.code) ? 0 : 2;
  }
  if (process.env.WEIR_DEBUG === '1') console.error(err);
  if (err instanceof CliError) {
    console.error(`weir: ${err.message}`);
    return err.exitCode;
  }
  console.error(`weir: ${err instanceof Error ? err.message : String(err)}`);
  return 1;
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = exitWith(err);
}
