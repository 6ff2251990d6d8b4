// `weir validate [paths...]`: every problem in flow and prompt files, with file, JSON path and
// node id. Warnings are shown but do not fail; errors exit 1.
import type { Command } from 'commander';
import { useColor } from '../lib/color';
import { checkFile } from '../lib/check';
import { ExitCode } from '../lib/errors';
import { display, expandPaths } from '../lib/files';
import { count, problemLine } from '../lib/problems';

export function validateCommand(program: Command): void {
  program
    .command('validate')
    .description('check flow, prompt, dataset and eval files; exit 1 when any has an error')
    .argument('[paths...]', 'files or directories (default: flows/ with prompts, datasets/ and evals/)')
    .option('--json', 'print {files: [{path, kind, valid, problems}], errors, warnings}')
    .addHelpText(
      'after',
      `
Examples:
  weir validate                       every flow in flows/ and prompt in flows/prompts/
  weir validate flows/support-x1000.json
  weir validate flows/prompts --json`,
    )
    .action(async (paths: string[], opts: { json?: boolean }) => {
      const checked = await Promise.all(expandPaths(paths).map(checkFile));
      const all = checked.flatMap((f) => f.problems);
      const errors = all.filter((p) => p.severity === 'error').length;
      const warnings = all.length - errors;
      if (opts.json) {
        const files = checked.map((f) => ({
          path: display(f.path),
          kind: f.kind,
          valid: !f.problems.some((p) => p.severity === 'error'),
          problems: f.problems,
        }));
        process.stdout.write(JSON.stringify({ files, errors, warnings }, null, 2) + '\n');
      } else {
        const color = useColor();
        for (const f of checked) for (const p of f.problems) console.log(problemLine(display(f.path), p, color));
        console.log(`${count(checked.length, 'file')} checked: ${count(errors, 'error')}, ${count(warnings, 'warning')}`);
      }
      if (errors > 0) throw new ExitCode(1);
    });
}
