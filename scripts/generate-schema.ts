// Writes flows/flow.schema.json and prices.schema.json from the zod schemas, the default price
// table from @pydantic/genai-prices, and formats every flow file canonically.
// `--check` exits non-zero instead of writing when something is stale.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { flowJsonSchema, formatFlow } from '../worker/engine';
import { priceFile } from '../worker/costs/price-file';
import { buildDefaultPrices } from './lib/default-prices';

const check = process.argv.includes('--check');
const flowsDir = join(import.meta.dirname, '..', 'flows');
const pricesSchema = { ...z.toJSONSchema(priceFile, { target: 'draft-2020-12', io: 'input' }), title: 'Weir model prices (prices.json)' };
const targets: [string, string][] = [
  [join(flowsDir, 'flow.schema.json'), JSON.stringify(flowJsonSchema(), null, 2) + '\n'],
  [join(flowsDir, '..', 'prices.schema.json'), JSON.stringify(pricesSchema, null, 2) + '\n'],
];
// The default prices keep the date they were taken on, so --check compares like with like.
const pricesPath = join(flowsDir, '..', 'worker', 'costs', 'default-prices.json');
const pkg = JSON.parse(readFileSync(join(flowsDir, '..', 'node_modules', '@pydantic', 'genai-prices', 'package.json'), 'utf8')) as {
  version: string;
};
let asOf = new Date().toISOString().slice(0, 10);
try {
  const existing = JSON.parse(readFileSync(pricesPath, 'utf8')) as { source?: string; asOf?: string };
  if (check || existing.source === `@pydantic/genai-prices ${pkg.version}`) asOf = existing.asOf ?? asOf;
} catch {}
targets.push([pricesPath, JSON.stringify(buildDefaultPrices(pkg.version, asOf), null, 1) + '\n']);
for (const f of readdirSync(flowsDir)) {
  if (!f.endsWith('.json') || f === 'flow.schema.json') continue;
  const path = join(flowsDir, f);
  targets.push([path, formatFlow(JSON.parse(readFileSync(path, 'utf8')))]);
}
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
console.log(check ? 'schema and flow files are up to date' : `wrote ${stale} file(s)`);
