// `weir fmt [--check] [paths...]`: rewrites flow files (engine formatFlow) and prompt files in their
// canonical form; with --check lists the files that are not canonical and exits 1.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatFlow } from '../../worker/engine';
import { ExitCode } from '../lib/errors';
import { display, expandPaths, readJson } from '../lib/files';
import { count } from '../lib/problems';
import { formatPromptFile } from '../lib/prompt-file';
import { formatDatasetText } from '../../worker/datasets';
import { formatEval } from '../../worker/evals';

export function fmtCommand(program: Command): void {
  program
    .command('fmt')
    .description('format flow, prompt, dataset and eval files canonically (stable key order, 2-space indent; datasets one item a line)')
    .argument('[paths...]', 'files or directories (default: flows/ with prompts, datasets/ and evals/)')
    .option('--check', 'change nothing; list files that are not canonical and exit 1 if any')
    .addHelpText(
      'after',
      `
Examples:
  weir fmt                            format everything in flows/
  weir fmt --check                    in CI: fail when a file is not canonical
  weir fmt flows/health-explainer.json`,
    )
    .action((paths: string[], opts: { check?: boolean }) => {
      let changed = 0;
      let broken = 0;
      const files = expandPaths(paths);
      for (const file of files) {
        if (file.kind === 'dataset') {
          const current = readFileSync(file.path, 'utf8');
          const text = formatDatasetText(current);
          if (text === current) continue;
          changed++;
          if (opts.check) console.log(`${display(file.path)}: not formatted`);
          else {
            writeFileSync(file.path, text);
            console.log(`formatted ${display(file.path)}`);
          }
          continue;
        }
        const read = readJson(file.path);
        if (read.error !== undefined) {
          broken++;
          console.error(`${display(file.path)}: ${read.error}`);
          continue;
        }
        const text =
          file.kind === 'prompt' ? formatPromptFile(read.value) : file.kind === 'eval' ? formatEval(read.value) : formatFlow(read.value);
        if (text === read.text) continue;
        changed++;
        if (opts.check) console.log(`${display(file.path)}: not formatted`);
        else {
          writeFileSync(file.path, text);
          console.log(`formatted ${display(file.path)}`);
        }
      }
      if (opts.check && changed === 0 && broken === 0) console.log(`${count(files.length, 'file')} formatted canonically`);
      if (!opts.check && changed === 0 && broken === 0) console.log(`${count(files.length, 'file')} already canonical`);
      if (broken > 0 || (opts.check && changed > 0)) {
        if (opts.check && changed > 0) console.error(`${count(changed, 'file')} not formatted; run weir fmt`);
        throw new ExitCode(1);
      }
    });
}
