// Property tests: random graphs, node data and inputs never make the engine throw anything but a
// WeirError, and validation/formatting never throw at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFlow, parseFlow, runFlow, validateFlow, WeirError } from '../../worker/engine';
import { scriptedLlm, staticPrompts } from './helpers';

const ids = ['in', 'a', 'b', 'c', 'd', 'out'];
const nodeData = fc.oneof(
  fc.record({ type: fc.constant('input'), data: fc.constant({}) }),
  fc.record({
    type: fc.constant('prompt'),
    data: fc.record({
      model: fc.constantFrom('m', 'broken', 'slow'),
      prompt: fc.oneof(
        fc.record({ text: fc.constantFrom('{{input.question}}', '{{nodes.a.output}}', '{{#x}}', 'plain') }),
        fc.record({ ref: fc.constantFrom('p@production', 'missing@1', 'bad ref') }),
      ),
    }),
  }),
  fc.record({
    type: fc.constant('condition'),
    data: fc.record({
      cases: fc.array(
        fc.record({
          id: fc.constantFrom('x', 'y', 'default'),
          expression: fc.constantFrom('true', 'input.question == "a"', 'nodes.a.output.topic == 1', '1 +', 'input.missing', '42'),
        }),
        { maxLength: 2 },
      ),
    }),
  }),
  fc.record({
    type: fc.constant('template'),
    data: fc.record({
      template: fc.constantFrom('{{input.question}}', '{"a": "{{input.question}}"}', '{{nodes.b.output}}'),
      format: fc.constantFrom('text', 'json'),
    }),
  }),
  fc.record({ type: fc.constant('finetuned'), data: fc.record({ model: fc.constantFrom('ft:a', 'broken'), baseModel: fc.constant('m') }) }),
  fc.record({
    type: fc.constant('output'),
    data: fc.oneof(fc.constant({}), fc.record({ value: fc.constantFrom('nodes.a.output', 'input.question', 'oops(') })),
  }),
  fc.record({ type: fc.constantFrom('mystery', ''), data: fc.anything() }),
);
const flowArb = fc.record({
  nodes: fc.uniqueArray(fc.record({ id: fc.constantFrom(...ids), kind: nodeData }), { selector: (n) => n.id, minLength: 1, maxLength: 6 }),
  edges: fc.array(
    fc.record({
      source: fc.constantFrom(...ids, 'ghost'),
      target: fc.constantFrom(...ids),
      sourceHandle: fc.option(fc.constantFrom('out', 'x', 'y', 'default', 'fallback'), { nil: undefined }),
    }),
    { maxLength: 10 },
  ),
});
const inputArb = fc.oneof(fc.record({ question: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }), fc.anything());

describe('engine properties', () => {
  it('random flows and inputs produce a result or a WeirError, never an untyped error', async () => {
    const llm = scriptedLlm({ broken: new Error('socket hang up'), slow: () => new Promise((r) => setTimeout(() => r('late'), 5)) });
    const prompts = staticPrompts({ 'p@production': { name: 'p', version: 1, template: { text: 'hi {{input.question}}' } } });
    await fc.assert(
      fc.asyncProperty(flowArb, inputArb, async (shape, input) => {
        const flow = {
          version: 1 as const,
          id: 'prop',
          name: 'prop',
          input: { fields: { question: { type: 'string' as const } } },
          nodes: shape.nodes.map((n, i) => ({
            id: n.id,
            type: n.kind.type,
            position: { x: i, y: 0 },
            data: n.kind.data as Record<string, unknown>,
          })),
          edges: shape.edges.map((e) => (e.sourceHandle ? e : { source: e.source, target: e.target })),
        };
        expect(() => validateFlow(flow)).not.toThrow();
        expect(formatFlow(JSON.parse(formatFlow(flow)))).toBe(formatFlow(flow));
        try {
          const result = await runFlow(flow, input, { llm, prompts, limits: { nodeTimeoutMs: 200, deadlineMs: 1000 } });
          expect(['ok', 'failed']).toContain(result.status);
          if (result.status === 'ok') expect(result.outputNodeId).toBeDefined();
          else expect(typeof result.error?.code).toBe('string');
          expect(result.trace).toHaveLength(flow.nodes.length);
        } catch (err) {
          expect(err).toBeInstanceOf(WeirError);
          expect(['invalid_flow', 'invalid_input']).toContain((err as WeirError).code);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('parseFlow never throws on arbitrary JSON text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        const parsed = parseFlow(text);
        expect(parsed.valid).toBe(false);
        expect(parsed.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
