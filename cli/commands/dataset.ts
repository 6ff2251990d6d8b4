// `weir dataset import | split | export | info`: datasets as canonical JSONL files in datasets/;
// `pull | push | from-runs` exchange them with a worker's datasets (D1) and its run log.
import type { Command } from 'commander';
import { datasetExportCommand } from './dataset-export';
import { datasetImportCommand } from './dataset-import';
import { datasetRemoteCommands } from './dataset-remote';
import { datasetInfoCommand, datasetSplitCommand } from './dataset-split';

export function datasetCommand(program: Command): void {
  const dataset = program
    .command('dataset')
    .description('import, split, inspect and export datasets (datasets/<name>.jsonl)')
    .addHelpText(
      'after',
      `
Examples:
  weir dataset import questions.csv --into support-x1000
  weir dataset import flows/support-x1000.json          items from the flow's examples
  weir dataset split support-x1000 --seed 7 --ratios 40/10/50 --stratify
  weir dataset export support-x1000 --format openai-chat --base-model gpt-4o-mini-2024-07-18 --out build/ft
  weir dataset info support-x1000
  weir dataset push support-x1000                       to the worker (D1), checked here first
  weir dataset from-runs support-x1000 --flow support-x1000 --thumbs down --days 7 --pull
  weir dataset pull                                     every dataset on the worker`,
    );
  datasetImportCommand(dataset);
  datasetSplitCommand(dataset);
  datasetExportCommand(dataset);
  datasetInfoCommand(dataset);
  datasetRemoteCommands(dataset);
}
