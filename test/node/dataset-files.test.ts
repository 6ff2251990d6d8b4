// The files in datasets/ and evals/ are what users read and diff: each is canonical and valid,
// and the committed JSON Schemas match the zod schemas (npm run schema regenerates them).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetItemJsonSchema, formatDatasetText, parseDataset } from '../../worker/datasets';
import { evalJsonSchema, evalSchema, formatEval } from '../../worker/evals';

const root = join(import.meta.dirname, '..', '..');
const datasets = readdirSync(join(root, 'datasets')).filter((f) => f.endsWith('.jsonl'));
const evals = readdirSync(join(root, 'evals')).filter((f) => f.endsWith('.eval.json'));

describe('dataset and eval files', () => {
  it.each(datasets)('%s is canonical and every line is a valid item', (file) => {
    const text = readFileSync(join(root, 'datasets', file), 'utf8');
    expect(formatDatasetText(text)).toBe(text);
    expect(parseDataset(text).problems).toEqual([]);
  });

  it('the support dataset labels about thirty questions across every branch, split train/validation/test', () => {
    const { items } = parseDataset(readFileSync(join(root, 'datasets', 'support-x1000.jsonl'), 'utf8'));
    expect(items.length).toBe(30);
    expect(new Set(items.map((i) => i.tags?.[0]))).toEqual(new Set(['x1000-technical', 'billing', 'account', 'other']));
    expect(new Set(items.map((i) => i.split))).toEqual(new Set(['train', 'validation', 'test']));
    expect(items.every((i) => i.expected && i.assert?.some((a) => a.type === 'node'))).toBe(true);
  });

  it.each(evals)('%s is canonical, valid and names its flow and dataset', (file) => {
    const text = readFileSync(join(root, 'evals', file), 'utf8');
    expect(formatEval(JSON.parse(text))).toBe(text);
    const parsed = evalSchema.parse(JSON.parse(text));
    expect(parsed.$schema).toBe('./eval.schema.json');
    expect(readdirSync(join(root, 'datasets'))).toContain(`${parsed.dataset.name}.jsonl`);
    expect(readdirSync(join(root, 'flows'))).toContain(`${parsed.flow}.json`);
  });

  it('the committed JSON Schemas match the zod schemas (run npm run schema when this fails)', () => {
    expect(JSON.parse(readFileSync(join(root, 'datasets', 'dataset-item.schema.json'), 'utf8'))).toEqual(datasetItemJsonSchema());
    expect(JSON.parse(readFileSync(join(root, 'evals', 'eval.schema.json'), 'utf8'))).toEqual(evalJsonSchema());
  });
});
