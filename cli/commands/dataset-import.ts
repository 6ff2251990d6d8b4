// `weir dataset import <source>`: CSV, JSONL (dataset items, OpenAI chat lines, promptfoo
// {vars}) or a flow's examples, appended to a dataset in canonical form. Inputs are typed and
// checked by the flow's input declaration (the flow named like the dataset, or --flow).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { checkInput, parseFlow, type Flow } from '../../worker/engine';
import {
  formatDataset,
  itemsFromCsv,
  itemsFromExamples,
  itemsFromJsonl,
  mergeItems,
  parseDataset,
  type Imported,
} from '../../worker/datasets';
import { datasetsDir } from '../lib/dataset-files';
import { CliError, usageError } from '../lib/errors';
import { display, findFlowsDir, resolveFlowArg } from '../lib/files';
import { count } from '../lib/problems';

interface ImportOptions {
  into?: string;
  flow?: string;
  expectedJson?: boolean;
  replace?: boolean;
}

function loadFlow(arg: string): Flow {
  const path = resolveFlowArg(arg);
  const parsed = parseFlow(readFileSync(path, 'utf8'));
  if (!parsed.flow) throw new CliError(`${display(path)} is not a valid flow`);
  return parsed.flow;
}

function targetPath(into: string | undefined, fallbackName: string): string {
  if (into === undefined) return join(datasetsDir(), `${fallbackName}.jsonl`);
  if (/^[a-z0-9][a-z0-9_-]*$/.test(into)) return join(datasetsDir(), `${into}.jsonl`);
  if (!into.endsWith('.jsonl')) throw usageError('--into is a dataset name or a .jsonl path');
  return resolve(into);
}

export function datasetImportCommand(dataset: Command): void {
  dataset
    .command('import')
    .description("add items from a CSV or JSONL file, or from a flow's examples, to a dataset")
    .argument('<source>', 'a .csv or .jsonl file, or a flow (file or id) whose examples to import')
    .option('--into <dataset>', 'the dataset name (datasets/<name>.jsonl) or path; default: named after the source')
    .option('--flow <flow>', 'type and check inputs with this flow (default: the flow named like the dataset, if any)')
    .option('--expected-json', 'parse the CSV expected column as JSON')
    .option('--replace', 'replace items whose id is already in the dataset (default: refuse)')
    .addHelpText(
      'after',
      `
CSV columns: id, expected, rejected, tags (separated by ; or |), split, note, node, source_run,
source_node; every other column (or input.<name>) is an input field. Items without an id get a
stable one from their content.`,
    )
    .action((source: string, opts: ImportOptions) => {
      const ext = extname(source).toLowerCase();
      const isFile = ext === '.csv' || ext === '.jsonl';
      if (isFile && !existsSync(source)) throw usageError(`no such file: ${source}`);
      const sourceFlow = isFile ? undefined : loadFlow(source);
      const path = targetPath(opts.into, sourceFlow?.id ?? basename(source, ext));
      const flowArg =
        opts.flow ?? (existsSync(join(findFlowsDir(), `${basename(path, '.jsonl')}.json`)) ? basename(path, '.jsonl') : undefined);
      const flow = sourceFlow ?? (flowArg ? loadFlow(flowArg) : undefined);
      let imported: Imported;
      if (sourceFlow) imported = { items: itemsFromExamples(sourceFlow), problems: [] };
      else {
        const text = readFileSync(source, 'utf8');
        imported = ext === '.csv' ? itemsFromCsv(text, { flow, expectedJson: opts.expectedJson }) : itemsFromJsonl(text, { flow });
      }
      const problems = [...imported.problems];
      if (flow)
        for (const item of imported.items)
          if (item.input) for (const p of checkInput(flow, item.input)) problems.push({ ...p, path: `item ${item.id}: ${p.path}` });
      const existing = existsSync(path) ? parseDataset(readFileSync(path, 'utf8')) : { items: [], problems: [] };
      if (existing.problems.length) throw new CliError(`${display(path)} has problems; fix them first (weir validate ${display(path)})`);
      const merged = mergeItems(existing.items, imported.items, opts.replace);
      problems.push(...merged.problems);
      for (const p of problems) console.error(`${display(source)}: ${p.path}: ${p.message} [${p.code}]`);
      if (problems.length) throw new CliError(`${count(problems.length, 'problem')}; nothing was written`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, formatDataset(merged.items));
      console.log(`imported ${count(imported.items.length, 'item')} into ${display(path)} (${count(merged.items.length, 'item')} in all)`);
    });
}
