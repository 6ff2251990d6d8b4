// Fine-tuning exports: the providers' shapes, train and validation apart, the test split never
// written, the providers' offline checks, and tokens and training cost per epoch.
import { describe, expect, it } from 'vitest';
import { exportDataset, messagesTokens, type DatasetItem } from '../../worker/datasets';
import { createPriceBook } from '../../worker/evals';

const item = (i: number, split: DatasetItem['split'], extra: Partial<DatasetItem> = {}): DatasetItem => ({
  id: `i${i}`,
  input: { question: `Question ${i}?` },
  expected: `Answer ${i}.`,
  split,
  ...extra,
});
const twelve = [...Array.from({ length: 10 }, (_, i) => item(i, 'train')), item(10, 'validation'), item(11, 'test')];
const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l));

describe('dataset export', () => {
  it('writes OpenAI chat lines for train and validation and never the test split', () => {
    const r = exportDataset(twelve, { format: 'openai-chat', system: 'Be brief.' });
    expect(r.problems).toEqual([]);
    expect(r.files.map((f) => [f.split, f.examples])).toEqual([
      ['train', 10],
      ['validation', 1],
    ]);
    expect(lines(r.files[0].text)[0]).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Question 0?' },
        { role: 'assistant', content: 'Answer 0.' },
      ],
    });
    expect(r.files.map((f) => f.text).join('')).not.toContain('Question 11?');
    expect(r.left.test).toBe(1);
  });

  it('keeps node-level messages and writes JSON answers as JSON text', () => {
    const node = item(0, 'train', { input: undefined, node: 'classify', messages: [{ role: 'user', content: 'E5?' }], expected: { topic: 'technical' } });
    const r = exportDataset([node], { format: 'together' });
    expect(lines(r.files[0].text)[0].messages).toEqual([
      { role: 'user', content: 'E5?' },
      { role: 'assistant', content: '{"topic":"technical"}' },
    ]);
  });

  it('writes DPO pairs and refuses items without a rejected answer', () => {
    const items = twelve.map((i, n) => (n === 0 ? i : { ...i, rejected: 'Nope.' }));
    const r = exportDataset(items, { format: 'openai-dpo' });
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([
      ['missing_rejected', 'item i0'],
      ['too_few_examples', 'train'],
    ]);
    expect(lines(r.files[0].text)[0]).toEqual({
      input: { messages: [{ role: 'user', content: 'Question 1?' }] },
      preferred_output: [{ role: 'assistant', content: 'Answer 1.' }],
      non_preferred_output: [{ role: 'assistant', content: 'Nope.' }],
    });
  });

  it("applies the providers' minimum example counts: OpenAI 10, Fireworks 3, Together 1", () => {
    const three = twelve.slice(0, 3);
    expect(exportDataset(three, { format: 'openai-chat' }).problems.map((p) => p.code)).toEqual(['too_few_examples']);
    expect(exportDataset(three, { format: 'fireworks' }).problems).toEqual([]);
    expect(exportDataset(twelve.slice(0, 2), { format: 'fireworks' }).problems[0].message).toBe('fireworks needs at least 3 training examples; the train split has 2');
    expect(exportDataset(twelve.slice(0, 1), { format: 'together' }).problems).toEqual([]);
  });

  it('checks roles: a system message after the first, turns that do not alternate, a missing answer', () => {
    const bad = item(0, 'train', {
      input: undefined,
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
        { role: 'system', content: 'late' },
      ],
    });
    const codes = exportDataset([bad], { format: 'fireworks' }).problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['system_not_first', 'roles_not_alternating', 'too_few_examples']));
    expect(exportDataset([item(0, 'train', { expected: undefined })], { format: 'together' }).problems[0].code).toBe('missing_expected');
  });

  it('refuses examples over the per-example token limit', () => {
    const long = item(0, 'train', { input: { question: 'x'.repeat(40_000) } });
    const r = exportDataset([long], { format: 'together' });
    expect(r.problems[0]).toMatchObject({ code: 'example_too_long', path: 'item i0' });
    expect(exportDataset([long], { format: 'together', maxTokensPerExample: 20_000 }).problems).toEqual([]);
  });

  it('leaves unsplit items out with a warning unless asked to include them', () => {
    const r = exportDataset([item(0, undefined)], { format: 'together' });
    expect(r.problems.map((p) => [p.code, p.severity])).toEqual([
      ['unsplit_items', 'warning'],
      ['too_few_examples', 'error'],
    ]);
    expect(exportDataset([item(0, undefined)], { format: 'together', includeUnsplit: true }).files[0].examples).toBe(1);
  });

  it('counts tokens and prices training per epoch from the training price table', () => {
    const r = exportDataset(twelve, { format: 'openai-chat', baseModel: 'gpt-4o-mini-2024-07-18', epochs: 4 }, createPriceBook());
    const expected = twelve
      .filter((i) => i.split === 'train')
      .reduce((s, i) => s + messagesTokens([{ role: 'user', content: i.input!.question as string }, { role: 'assistant', content: i.expected as string }]), 0);
    expect(r.tokens.train).toBe(expected);
    expect(r.cost.perMTok).toBe(3);
    expect(r.cost.perEpoch).toBeCloseTo((expected * 3) / 1e6, 12);
    expect(r.cost.total).toBeCloseTo((expected * 12) / 1e6, 12);
    expect(r.cost.source).toContain('openai.com');
    expect(exportDataset(twelve, { format: 'openai-chat', baseModel: 'mystery-model' }, createPriceBook()).cost.perEpoch).toBeNull();
  });
});
