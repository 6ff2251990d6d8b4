// Ways into a dataset: RFC 4180 CSV, JSONL in three shapes, a flow's examples, and merging with
// stable generated ids.
import { describe, expect, it } from 'vitest';
import { itemsFromCsv, itemsFromExamples, itemsFromJsonl, mergeItems, parseCsv } from '../../worker/datasets';

const flow = {
  id: 'f',
  input: { fields: { question: { type: 'string' as const }, count: { type: 'integer' as const }, urgent: { type: 'boolean' as const } } },
};

describe('CSV', () => {
  it('parses quotes, doubled quotes, commas and newlines inside quotes, CRLF and a byte-order mark', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi""\nthere"\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
    expect(() => parseCsv('a\n"open')).toThrow(/inside a quoted field/);
  });

  it('maps columns to item fields and typed input fields, and gives stable ids to rows without one', () => {
    const csv = 'id,question,count,urgent,expected,tags,split\nq1,Why E5?,3,yes,Check the vent,x1000;technical,test\n,Refund?,1,no,,billing,\n';
    const { items, problems } = itemsFromCsv(csv, { flow });
    expect(problems).toEqual([]);
    expect(items[0]).toEqual({ id: 'q1', input: { question: 'Why E5?', count: 3, urgent: true }, expected: 'Check the vent', tags: ['x1000', 'technical'], split: 'test' });
    expect(items[1].id).toMatch(/^item-[0-9a-f]{8}$/);
    expect(itemsFromCsv(csv, { flow }).items[1].id).toBe(items[1].id);
  });

  it('reports cells that do not fit the flow with row and column, and unknown splits', () => {
    const { problems } = itemsFromCsv('question,count,split\nhi,many,dev\n', { flow });
    expect(problems.map((p) => p.path)).toEqual(['row 2, column count', 'row 2, column split']);
    expect(problems[0].message).toBe('"many" is not a number');
  });

  it('parses the expected column as JSON when asked', () => {
    const { items } = itemsFromCsv('question,expected\nhi,"{""topic"": ""billing""}"\n', { expectedJson: true });
    expect(items[0].expected).toEqual({ topic: 'billing' });
  });
});

describe('JSONL import', () => {
  it('reads dataset items, OpenAI chat lines (the last assistant turn is the answer) and promptfoo vars', () => {
    const text = [
      '{"id":"a","input":{"question":"x"}}',
      '{"messages":[{"role":"system","content":"s"},{"role":"user","content":"u"},{"role":"assistant","content":"answer"}]}',
      '{"vars":{"question":"v"},"description":"from promptfoo"}',
      '[1]',
    ].join('\n');
    const { items, problems } = itemsFromJsonl(text);
    expect(items[0]).toEqual({ id: 'a', input: { question: 'x' } });
    expect(items[1].messages).toEqual([
      { role: 'system', content: 's' },
      { role: 'user', content: 'u' },
    ]);
    expect(items[1].expected).toBe('answer');
    expect(items[2]).toMatchObject({ input: { question: 'v' }, note: 'from promptfoo' });
    expect(problems.map((p) => p.path)).toEqual(['line 4']);
  });
});

describe('examples and merging', () => {
  it("turns a flow's examples into items named after them", () => {
    const items = itemsFromExamples({ id: 'f', examples: [{ name: 'x1000-error-e5', description: 'd', input: { question: 'E5?' } }] });
    expect(items).toEqual([{ id: 'x1000-error-e5', input: { question: 'E5?' }, tags: ['example'], note: 'd' }]);
  });

  it('appends new ids, refuses existing ones unless replacing', () => {
    const existing = [{ id: 'a', input: {} }];
    expect(mergeItems(existing, [{ id: 'b', input: {} }]).items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(mergeItems(existing, [{ id: 'a', input: { x: 1 } }]).problems[0].code).toBe('duplicate_id');
    expect(mergeItems(existing, [{ id: 'a', input: { x: 1 } }], true).items).toEqual([{ id: 'a', input: { x: 1 } }]);
  });
});
