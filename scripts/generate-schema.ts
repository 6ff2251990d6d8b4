// Writes the JSON Schemas generated from the zod schemas (flows/flow.schema.json,
// datasets/dataset-item.schema.json, evals/eval.schema.json) and formats every flow, dataset and
// eval file canonically. `--check` exits non-zero instead of writing when something is stale.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowJsonSchema, formatFlow } from '../worker/engine';
import { datasetItemJsonSchema, formatDatasetText } from '../worker/datasets';
import { evalJsonSchema, formatEval } from '../worker/evals';

const check = process.argv.includes('--check');
const root = join(import.meta.dirname, '..');
const flowsDir = join(root, 'flows');
const datasetsDir = join(root, 'datasets');
const evalsDir = join(root, 'evals');
const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
const targets: [string, string][] = [
  [join(flowsDir, 'flow.schema.json'), json(flowJsonSchema())],
  [join(datasetsDir, 'dataset-item.schema.json'), json(datasetItemJsonSchema())],
  [join(evalsDir, 'eval.schema.json'), json(evalJsonSchema())],
];
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
