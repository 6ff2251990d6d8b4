// Issue 8 §6: every request body is capped at MAX_JSON_DEPTH levels (worker/http/body.ts). Here,
// anything up to that depth, anywhere in a flow or a run input, goes through parsing, validation,
// formatting and running without an untyped exception; the depth check itself agrees with JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInput, formatFlow, parseFlow, runFlow, validateFlow, WeirError } from '../../../worker/engine';
import { jsonDepth, MAX_JSON_DEPTH } from '../../../worker/http/body';
import { scriptedLlm, staticPrompts } from '../../engine/helpers';

/** A JSON value nested exactly `depth` levels, mixing arrays and objects with odd keys. */
const nested = (depth: number, keys: string[]): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value, i] : { [keys[i % keys.length] ?? 'k']: value, n: i };
  return value;
};
const keys = fc.array(fc.constantFrom('a', 'constructor', '__proto__', 'toString', 'input', 'nodes', '"q"', '\\'), {
  minLength: 1,
  maxLength: 4,
});
const depth = fc.integer({ min: 1, max: MAX_JSON_DEPTH - 4 });

const flowWith = (data: unknown, _input: unknown) => ({
  version: 1,
  id: 'deep',
  name: 'Deep',
  input: { fields: { question: { type: 'object' } } },
  nodes: [
    { id: 'in', type: 'input', position: { x: 0, y: 0 }, data: {} },
    // The node data stays valid; the depth sits in the example and in the run input.
    { id: 'tpl', type: 'template', position: { x: 1, y: 0 }, data: { template: '{"q": "{{input.question}}"}', format: 'json' } },
    { id: 'out', type: 'output', position: { x: 2, y: 0 }, data: { fields: { q: 'input.question', t: 'nodes.tpl.output' } } },
  ],
  edges: [
    { source: 'in', target: 'tpl' },
    { source: 'tpl', target: 'out' },
  ],
  examples: [{ name: 'deep', input: { question: data } }],
});

describe('JSON up to the nesting cap', { timeout: 60_000 }, () => {
  it('measures depth as JSON.parse sees it, strings and escapes included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), (value) => {
        const text = JSON.stringify(value);
        const measure = (v: unknown): number =>
          typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v as object).map(measure)) : 0;
        expect(jsonDepth(text)).toBe(measure(JSON.parse(text)));
      }),
      { numRuns: 500 },
    );
  });

  it('never makes parse, validate, format, checkInput or run throw anything but a WeirError', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(depth, keys, depth, async (d, k, inputDepth) => {
        const input = { question: nested(inputDepth, k) };
        const flow = flowWith(nested(d, k), input);
        expect(jsonDepth(JSON.stringify(flow))).toBeLessThanOrEqual(MAX_JSON_DEPTH);
        const parsed = parseFlow(flow);
        validateFlow(flow);
        expect(typeof formatFlow(flow)).toBe('string');
        expect(parsed.valid).toBe(true);
        if (!parsed.flow) return;
        checkInput(parsed.flow, input);
        try {
          const result = await runFlow(parsed.flow, input, {
            llm: scriptedLlm({}),
            prompts: staticPrompts({}),
            signal: AbortSignal.timeout(5000),
          });
          if (result.status === 'ok') runs++;
        } catch (err) {
          expect(err).toBeInstanceOf(WeirError);
        }
      }),
      { numRuns: 300 },
    );
    // Most runs complete: the depth reaches the template and the output, not only the validator.
    expect(runs).toBeGreaterThan(100);
  });
});
