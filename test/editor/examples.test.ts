// The examples editor's check: JSON, the example shape, and each input against the declaration.
import { describe, expect, it } from 'vitest';
import { checkExamples } from '../../editor/src/state/examples';

const input = { fields: { question: { type: 'string' as const, required: true } } };

describe('checkExamples', () => {
  it('accepts examples whose inputs fit', () => {
    expect(checkExamples('[{"name": "a", "input": {"question": "hi"}}]', input)).toEqual({
      examples: [{ name: 'a', input: { question: 'hi' } }],
      issues: [],
    });
  });

  it('keeps well-formed examples but names every input problem with checkInput', () => {
    const r = checkExamples('[{"name": "a", "input": {"topic": 1}}]', input);
    expect(r.examples).toHaveLength(1);
    expect(r.issues.map((i) => `${i.where}: ${i.message}`)).toEqual([
      '#1 a: "question" is required',
      '#1 a: unknown input field "topic" (declared: question)',
    ]);
  });

  it('stores nothing while the text does not parse or an example has the wrong shape', () => {
    expect(checkExamples('[{', input).examples).toBeUndefined();
    expect(checkExamples('{}', input).examples).toBeUndefined();
    expect(checkExamples('[{"input": {}}]', input).examples).toBeUndefined();
  });
});
