// `weir dataset split` (seeded, deterministic train/validation/test) and `weir dataset info`.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { countBySplit, datasetHash, formatDataset, parseRatios, splitItems, type DatasetItem } from '../../worker/datasets';
import { readDataset, resolveDatasetArg } from '../lib/dataset-files';
import { CliError, usageError } from '../lib/errors';
import { display } from '../lib/files';
import { problemLine } from '../lib/problems';

function load(arg: string): { path: string; items: DatasetItem[] } {
  const path = resolveDatasetArg(arg);
  const ds = readDataset(path);
  if (ds.problems.length) {
    for (const p of ds.problems) console.error(problemLine(display(path), p));
    throw new CliError(`${display(path)} has problems; nothing was changed`);
  }
  return { path, items: ds.items };
}

const splitLine = (items: DatasetItem[]) => {
  const c = countBySplit(items);
  return `train ${c.train}, validation ${c.validation}, test ${c.test}${c.none ? `, no split ${c.none}` : ''}`;
};

export function datasetSplitCommand(dataset: Command): void {
  dataset
    .command('split')
    .description('assign train/validation/test splits with a seed (same seed, same split, on every machine)')
    .argument('<dataset>', 'a dataset name or .jsonl path')
    .option('--seed <seed>', 'any text or number', '42')
    .option('--ratios <ratios>', 'train/validation/test, e.g. 80/10/10 or 0.8,0.1,0.1', '80/10/10')
    .option('--stratify', 'split each group of items with the same first tag separately')
    .option('--keep', 'keep the split of items that already have one')
    .action((arg: string, opts: { seed: string; ratios: string; stratify?: boolean; keep?: boolean }) => {
      let ratios;
      try {
        ratios = parseRatios(opts.ratios);
      } catch (err) {
        throw usageError((err as Error).message);
      }
      const { path, items } = load(arg);
      const split = splitItems(items, { seed: opts.seed, ratios, stratify: opts.stratify, keep: opts.keep });
      writeFileSync(path, formatDataset(split));
      console.log(`${display(path)}: ${splitLine(split)} (seed ${opts.seed})`);
    });
}

export function datasetInfoCommand(dataset: Command): void {
  dataset
    .command('info')
    .description('items by split and tag, and the content hash evals pin')
    .argument('<dataset>', 'a dataset name or .jsonl path')
    .option('--json', 'print JSON')
    .action(async (arg: string, opts: { json?: boolean }) => {
      const { path, items } = load(arg);
      const hash = await datasetHash(items);
      const tags: Record<string, number> = {};
      for (const i of items) for (const t of i.tags ?? []) tags[t] = (tags[t] ?? 0) + 1;
      const nodeLevel = items.filter((i) => i.messages).length;
      if (opts.json) {
        process.stdout.write(
          JSON.stringify({ path: display(path), items: items.length, hash, splits: countBySplit(items), tags, nodeLevel }, null, 2) + '\n',
        );
        return;
      }
      console.log(`${display(path)}: ${items.length} items (${nodeLevel} node-level), hash ${hash.slice(0, 12)}`);
      console.log(`splits: ${splitLine(items)}`);
      const tagText = Object.entries(tags)
        .sort((a, b) => b[1] - a[1])
        .map(([t, n]) => `${t} ${n}`)
        .join(', ');
      if (tagText) console.log(`tags: ${tagText}`);
    });
}
