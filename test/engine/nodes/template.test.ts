// The template node: Mustache over input and upstream outputs, text or JSON, with limits on
// section iterations and rendered size so no template can stall the isolate.
import { describe, expect, it } from 'vitest';
import { nodeRegistry, runFlow } from '../../../worker/engine';
import { makeFlow, scriptedLlm, staticPrompts } from '../helpers';

const templateFlow = (template: string, format?: 'text' | 'json', fields: Record<string, unknown> = { question: { type: 'string' } }) =>
  makeFlow(
    [
      { id: 'in', type: 'input' },
      { id: 't', type: 'template', data: { template, ...(format ? { format } : {}) } },
      { id: 'out', type: 'output' },
    ],
    [
      ['in', 't'],
      ['t', 'out'],
    ],
    { input: { fields: fields as never } },
  );
const run = (flow: ReturnType<typeof templateFlow>, input: Record<string, unknown>) =>
  runFlow(flow, input, { llm: scriptedLlm(), prompts: staticPrompts({}) });

describe('template node', () => {
  it('renders input and sections without HTML escaping; objects render as JSON', async () => {
    const flow = templateFlow('{{input.question}} <{{#input.items}}[{{name}}]{{/input.items}}> {{input.meta}}', 'text', {
      question: { type: 'string' },
      items: { type: 'array' },
      meta: { type: 'object' },
    });
    const result = await run(flow, { question: 'a & b', items: [{ name: 'x' }, { name: 'y' }], meta: { k: 1 } });
    expect(result.output).toBe('a & b <[x][y]> {"k":1}');
  });

  it('escapes values as JSON string content in json mode and parses the result', async () => {
    const result = await run(templateFlow('{"q": "{{input.question}}"}', 'json'), { question: 'say "hi"\n' });
    expect(result.output).toEqual({ q: 'say "hi"\n' });
  });

  it('reads own properties only: {{input.constructor}} is empty', async () => {
    const result = await run(templateFlow('[{{input.constructor}}{{input.question.length}}]'), { question: 'abc' });
    expect(result.output).toBe('[3]');
  });

  it('stops nested sections over 5,000 items with a typed error naming the node', async () => {
    const items = Array.from({ length: 5000 }, (_, i) => i);
    const flow = templateFlow('{{#input.items}}{{#input.items}}x{{/input.items}}{{/input.items}}', 'text', { items: { type: 'array' } });
    const result = await run(flow, { items });
    expect(result.error).toMatchObject({ code: 'template_too_large', nodeId: 't' });
    expect(result.error?.message).toMatch(/iterations/);
  });

  it('stops a 60 KB input repeated 2,000 times with a typed error naming the node', async () => {
    const flow = templateFlow('{{#input.items}}{{input.big}}{{/input.items}}', 'text', {
      big: { type: 'string' },
      items: { type: 'array' },
    });
    const result = await run(flow, { big: 'x'.repeat(60_000), items: Array.from({ length: 2000 }, () => 1) });
    expect(result.error).toMatchObject({ code: 'template_too_large', nodeId: 't' });
    expect(result.error?.message).toMatch(/characters/);
  });

  it('declares a template widget, an enum format and a summary', () => {
    const def = nodeRegistry.get('template')!;
    expect(def.summary({ template: 'Hello   {{input.name}}', format: 'json' })).toEqual(['JSON: Hello {{input.name}}']);
  });
});
