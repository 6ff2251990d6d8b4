// Seeded splits: the same seed gives the same split, counts follow the ratios exactly,
// stratifying keeps every group in every split, and --keep leaves assigned items alone.
import { describe, expect, it } from 'vitest';
import { countBySplit, parseRatios, splitCounts, splitItems, type DatasetItem } from '../../worker/datasets';

const items = (n: number, tag?: (i: number) => string): DatasetItem[] =>
  Array.from({ length: n }, (_, i) => ({ id: `item-${i}`, input: { q: String(i) }, ...(tag ? { tags: [tag(i)] } : {}) }));

describe('dataset split', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    const a = splitItems(items(50), { seed: 7 });
    expect(splitItems(items(50), { seed: 7 })).toEqual(a);
    expect(splitItems(items(50), { seed: 8 }).map((i) => i.split)).not.toEqual(a.map((i) => i.split));
  });

  it('assigns exact counts by largest remainder and keeps the file order', () => {
    expect(splitCounts(10, { train: 0.8, validation: 0.1, test: 0.1 })).toEqual({ train: 8, validation: 1, test: 1 });
    expect(splitCounts(7, { train: 0.5, validation: 0.25, test: 0.25 })).toEqual({ train: 3, validation: 2, test: 2 });
    const split = splitItems(items(30), { seed: 'x', ratios: parseRatios('40/10/50') });
    expect(countBySplit(split)).toEqual({ train: 12, validation: 3, test: 15, none: 0 });
    expect(split.map((i) => i.id)).toEqual(items(30).map((i) => i.id));
  });

  it('does not move other items when one is added', () => {
    const before = splitItems(items(40), { seed: 1, ratios: { train: 0.5, validation: 0, test: 0.5 } });
    const after = splitItems([...items(40), { id: 'new', input: {} }], { seed: 1, ratios: { train: 0.5, validation: 0, test: 0.5 } });
    const moved = before.filter((item, i) => after[i].split !== item.split);
    expect(moved.length).toBeLessThanOrEqual(1);
  });

  it('stratifies by first tag so every group reaches every split', () => {
    const split = splitItems(
      items(40, (i) => (i % 4 === 0 ? 'rare' : 'common')),
      { seed: 3, stratify: true, ratios: parseRatios('50/0/50') },
    );
    const rare = split.filter((i) => i.tags![0] === 'rare');
    expect(countBySplit(rare)).toEqual({ train: 5, validation: 0, test: 5, none: 0 });
  });

  it('keeps existing splits with keep', () => {
    const mixed = items(10).map((i, n) => (n < 3 ? { ...i, split: 'test' as const } : i));
    const split = splitItems(mixed, { seed: 5, keep: true, ratios: parseRatios('1,0,0') });
    expect(split.slice(0, 3).every((i) => i.split === 'test')).toBe(true);
    expect(split.slice(3).every((i) => i.split === 'train')).toBe(true);
  });

  it('refuses ratios that are not three non-negative numbers', () => {
    expect(() => parseRatios('80/20')).toThrow(/three non-negative numbers/);
    expect(() => parseRatios('0/0/0')).toThrow(/zero/);
    expect(parseRatios('8:1:1')).toEqual({ train: 0.8, validation: 0.1, test: 0.1 });
  });
});
