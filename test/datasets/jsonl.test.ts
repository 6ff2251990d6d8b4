// Datasets as canonical JSONL: schema order, one item a line, every problem with its line, and a
// content hash that depends on the items, not on how the file was written.
import { describe, expect, it } from 'vitest';
import { datasetHash, formatDataset, formatDatasetText, hashMatches, parseDataset } from '../../worker/datasets';

describe('dataset JSONL', () => {
  it('formats items with keys in schema order, compact, one a line, with a final newline', () => {
    const text = formatDataset([{ tags: ['a'], expected: 'yes', input: { q: 'hi' }, id: 'one', split: 'test' }]);
    expect(text).toBe('{"id":"one","input":{"q":"hi"},"expected":"yes","tags":["a"],"split":"test"}\n');
    expect(formatDatasetText(text)).toBe(text);
  });

  it('parses a file back into the same items and formats it byte for byte', () => {
    const text = '{"id":"a","input":{"question":"x"}}\n{"id":"b","node":"specialist","messages":[{"role":"user","content":"E5?"}],"expected":{"code":"E5"}}\n';
    const parsed = parseDataset(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(parsed.items[1].expected).toEqual({ code: 'E5' });
    expect(formatDataset(parsed.items)).toBe(text);
  });

  it('reports bad JSON, schema errors and duplicate ids with their line numbers, keeping the good items', () => {
    const text = ['{"id":"a","input":{}}', '{"id":"a","input":{}}', '{not json', '{"id":"b"}', '', '{"id":"c","input":{},"split":"dev"}'].join('\n');
    const { items, problems } = parseDataset(text);
    expect(items.map((i) => i.id)).toEqual(['a']);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['duplicate_id', 'line 2: $.id'],
      ['json_syntax', 'line 3: $'],
      ['invalid_item', 'line 4: $'],
      ['invalid_item', 'line 6: $.split'],
    ]);
    expect(problems[2].message).toContain('needs input');
  });

  it('hashes the canonical items: reordered keys hash the same, a changed answer does not', async () => {
    const a = parseDataset('{"input":{"q":"x"},"id":"a","expected":"1"}\n').items;
    const b = parseDataset('{"id":"a","expected":"1","input":{"q":"x"}}').items;
    const c = parseDataset('{"id":"a","expected":"2","input":{"q":"x"}}').items;
    const ha = await datasetHash(a);
    expect(ha).toMatch(/^[0-9a-f]{64}$/);
    expect(await datasetHash(b)).toBe(ha);
    expect(await datasetHash(c)).not.toBe(ha);
    expect(hashMatches(ha, ha.slice(0, 8))).toBe(true);
    expect(hashMatches(ha, ha.slice(0, 7))).toBe(false);
  });
});
