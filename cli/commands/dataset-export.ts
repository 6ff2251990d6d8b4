// `weir dataset export <dataset> --format openai-chat | openai-dpo | together | fireworks`:
// the provider's fine-tuning JSONL, train and validation apart, the test split never written.
// The provider's own offline checks run first; with any error nothing is written.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { EXPORT_FORMATS, exportDataset, type ExportFormat } from '../../worker/datasets';
import { createPriceBook } from '../../worker/evals';
import { readDataset, resolveDatasetArg } from '../lib/dataset-files';
import { CliError, ExitCode, usageError } from '../lib/errors';
import { display } from '../lib/files';
import { count, problemLine } from '../lib/problems';

interface ExportOpts {
  format: string;
  out: string;
  baseModel?: string;
  system?: string;
  epochs: string;
  maxTokens?: string;
  includeUnsplit?: boolean;
  json?: boolean;
}

const money = (n: number | null) => (n === null ? 'unknown' : `$${n < 0.01 ? n.toFixed(4) : n.toFixed(2)}`);

export function datasetExportCommand(dataset: Command): void {
  dataset
    .command('export')
    .description("write a provider's fine-tuning files (train and validation; never the test split)")
    .argument('<dataset>', 'a dataset name or .jsonl path')
    .requiredOption('--format <format>', EXPORT_FORMATS.join(' | '))
    .option('--out <dir>', 'directory for the files', '.')
    .option('--base-model <model>', 'the model to tune: its token limit and training price')
    .option('--system <text>', 'system message for examples that have none')
    .option('--epochs <n>', 'epochs for the cost estimate', '3')
    .option('--max-tokens <n>', "per-example token limit (default: the provider's)")
    .option('--include-unsplit', 'put items without a split in the train file')
    .option('--json', 'print the summary as JSON')
    .action((arg: string, opts: ExportOpts) => {
      if (!EXPORT_FORMATS.includes(opts.format as ExportFormat)) throw usageError(`--format is one of ${EXPORT_FORMATS.join(', ')}`);
      const epochs = Number(opts.epochs);
      if (!Number.isInteger(epochs) || epochs < 1) throw usageError('--epochs is a whole number from 1');
      const maxTokens = opts.maxTokens === undefined ? undefined : Number(opts.maxTokens);
      if (maxTokens !== undefined && !(maxTokens > 0)) throw usageError('--max-tokens is a positive number');
      const path = resolveDatasetArg(arg);
      const ds = readDataset(path);
      if (ds.problems.length) {
        for (const p of ds.problems) console.error(problemLine(display(path), p));
        throw new CliError(`${display(path)} has problems; nothing was written`);
      }
      const result = exportDataset(
        ds.items,
        {
          format: opts.format as ExportFormat,
          baseModel: opts.baseModel,
          system: opts.system,
          epochs,
          maxTokensPerExample: maxTokens,
          includeUnsplit: opts.includeUnsplit,
        },
        createPriceBook(),
      );
      const errors = result.problems.filter((p) => p.severity === 'error');
      const name = basename(path, '.jsonl');
      const written = errors.length
        ? []
        : result.files.map((f) => {
            const file = join(resolve(opts.out), `${name}.${opts.format}.${f.split}.jsonl`);
            mkdirSync(resolve(opts.out), { recursive: true });
            writeFileSync(file, f.text);
            return { ...f, path: display(file) };
          });
      if (opts.json) {
        const files = written.map(({ text: _text, ...f }) => f);
        process.stdout.write(
          JSON.stringify(
            { format: opts.format, files, problems: result.problems, left: result.left, tokens: result.tokens, cost: result.cost },
            null,
            2,
          ) + '\n',
        );
      } else {
        for (const p of result.problems) console.error(problemLine(display(path), p));
        for (const f of written) console.log(`wrote ${f.path}: ${count(f.examples, 'example')}, ≈${f.tokens} tokens`);
        console.log(
          `left out: ${result.left.test} test item(s) (never exported for training), ${result.left.unsplit} without a split, ${result.left.invalid} with problems`,
        );
        const c = result.cost;
        if (opts.baseModel)
          console.log(
            `training ${opts.baseModel}: ≈${result.tokens.train} tokens an epoch × ${c.epochs} epochs at ${c.perMTok === null ? 'an unknown price' : `$${c.perMTok}/M`} = ${money(c.perEpoch)} an epoch, ${money(c.total)} in all${c.source ? ` (${c.source})` : ''}`,
          );
        else console.log(`≈${result.tokens.train} training tokens an epoch (pass --base-model for the training cost)`);
      }
      if (errors.length) {
        if (!opts.json) console.error(`${count(errors.length, 'error')}: nothing was written`);
        throw new ExitCode(1);
      }
    });
}
