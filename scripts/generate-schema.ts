// Writes the JSON Schemas generated from the zod schemas (flows/flow.schema.json,
// prices.schema.json, datasets/dataset-item.schema.json, evals/eval.schema.json), the default price
// table from @pydantic/genai-prices, and formats every flow, dataset and eval file canonically.
// `--check` exits non-zero instead of writing when something is stale.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { flowJsonSchema, formatFlow } from '../worker/engine';
import { priceFile } from '../worker/costs/price-file';
import { datasetItemJsonSchema, formatDatasetText } from '../worker/datasets';
import { evalJsonSchema, formatEval } from '../worker/evals';
import { buildDefaultPrices } from './lib/default-prices';

const check = process.argv.includes('--check');
const root = join(import.meta.dirname, '..');
const flowsDir = join(root, 'flows');
const datasetsDir = join(root, 'datasets');
const evalsDir = join(root, 'evals');
const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
const pricesSchema = { ...z.toJSONSchema(priceFile, { target: 'draft-2020-12', io: 'input' }), title: 'Weir model prices (prices.json)' };
const targets: [string, string][] = [
  [join(flowsDir, 'flow.schema.json'), json(flowJsonSchema())],
  [join(root, 'prices.schema.json'), json(pricesSchema)],
  [join(datasetsDir, 'dataset-item.schema.json'), json(datasetItemJsonSchema())],
  [join(evalsDir, 'eval.schema.json'), json(evalJsonSchema())],
];
// The default prices keep the date they were taken on, so --check compares like with like.
const pricesPath = join(root, 'worker', 'costs', 'default-prices.json');
const pkg = JSON.parse(readFileSync(join(root, 'node_modules', '@pydantic', 'genai-prices', 'package.json'), 'utf8')) as {
  version: string;
};
let asOf = new Date().toISOString().slice(0, 10);
try {
  const existing = JSON.parse(readFileSync(pricesPath, 'utf8')) as { source?: string; asOf?: string };
  if (check || existing.source === `@pydantic/genai-prices ${pkg.version}`) asOf = existing.asOf ?? asOf;
} catch {}
targets.push([pricesPath, JSON.stringify(buildDefaultPrices(pkg.version, asOf), null, 1) + '\n']);
const files = (dir: string, suffix: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(suffix) && !f.endsWith('.schema.json')) : [];
for (const f of files(flowsDir, '.json'))
  targets.push([join(flowsDir, f), formatFlow(JSON.parse(readFileSync(join(flowsDir, f), 'utf8')))]);
for (const f of files(datasetsDir, '.jsonl'))
  targets.push([join(datasetsDir, f), formatDatasetText(readFileSync(join(datasetsDir, f), 'utf8'))]);
for (const f of files(evalsDir, '.eval.json'))
  targets.push([join(evalsDir, f), formatEval(JSON.parse(readFileSync(join(evalsDir, f), 'utf8')))]);
let stale = 0;
for (const [path, text] of targets) {
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {}
  if (current === text) continue;
  stale++;
  if (check) console.error(`stale: ${path}`);
  else writeFileSync(path, text);
}
if (check && stale) process.exit(1);
console.log(check ? 'schemas, flow, dataset and eval files are up to date' : `wrote ${stale} file(s)`);
