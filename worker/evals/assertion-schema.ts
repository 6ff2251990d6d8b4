// Assertions in promptfoo's vocabulary where it fits, as zod schemas: text, structure, CEL (in
// place of JavaScript: no code evaluation), node assertions, ceilings and model-graded checks.
// Any assertion can be negated and weighted; string values are Mustache templates over
// {input, expected}, so one eval-level assertion can read each item's expected answer.
import * as z from 'zod';

const common = {
  /** Inverts the result: a passing check fails and its score becomes 1 - score. */
  negate: z.boolean().optional().describe('Invert the result (promptfoo writes this as not-<type>)'),
  /** Weight in the item's score; 0 makes the assertion informational. Default 1. */
  weight: z.number().min(0).max(1000).optional(),
  /** A name for the check in reports; defaults to its type and value. */
  metric: z.string().min(1).max(100).optional(),
};

const text = z.string().describe('A Mustache template over {input, expected}');
const texts = z.union([text, z.array(text).min(1)]);

export const nodeStatus = z.enum(['ok', 'skipped', 'failed', 'fell_back']);

export const assertionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('equals'), value: z.unknown().describe('Text, or JSON compared structurally'), ...common }),
  z.strictObject({ type: z.literal('contains'), value: text, ...common }),
  z.strictObject({ type: z.literal('icontains'), value: text, ...common }),
  z.strictObject({ type: z.literal('contains-any'), value: texts, ...common }),
  z.strictObject({ type: z.literal('contains-all'), value: texts, ...common }),
  z.strictObject({ type: z.literal('icontains-any'), value: texts, ...common }),
  z.strictObject({ type: z.literal('icontains-all'), value: texts, ...common }),
  z.strictObject({ type: z.literal('starts-with'), value: text, ...common }),
  z.strictObject({
    type: z.literal('regex'),
    value: z.string().min(1).describe('RE2 syntax (linear time): no backreferences or lookaround'),
    flags: z.string().regex(/^[ims]*$/, 'flags are i, m and s').optional(),
    ...common,
  }),
  z.strictObject({ type: z.literal('is-json'), value: z.record(z.string(), z.unknown()).optional().describe('Optional JSON Schema'), ...common }),
  z.strictObject({ type: z.literal('json-schema'), value: z.record(z.string(), z.unknown()).describe('A JSON Schema (2020-12)'), ...common }),
  z.strictObject({
    type: z.literal('cel'),
    value: z.string().min(1).describe('CEL over input, expected, output, trace, usage, latencyMs, costUsd; true passes, a number in [0,1] is a score'),
    ...common,
  }),
  z.strictObject({
    type: z.literal('node'),
    node: z.string().min(1).describe('The node id'),
    status: nodeStatus.optional(),
    handle: z.string().min(1).optional().describe('The handle the node took, e.g. a condition case'),
    equals: z.unknown().optional().describe("The node's output equals this"),
    contains: text.optional().describe("The node's output (as text) contains this"),
    ...common,
  }),
  z.strictObject({ type: z.literal('latency'), threshold: z.number().positive().describe('Most milliseconds the run may take'), ...common }),
  z.strictObject({ type: z.literal('cost'), threshold: z.number().positive().describe('Most US dollars the run may cost'), ...common }),
  z.strictObject({
    type: z.literal('llm-rubric'),
    value: text.describe('What a good answer does; the judge scores 0 to 1'),
    threshold: z.number().min(0).max(1).optional().describe('Lowest passing score (default 0.5)'),
    ...common,
  }),
  z.strictObject({
    type: z.literal('factuality'),
    value: text.optional().describe("The reference answer (default: the item's expected)"),
    ...common,
  }),
]);

export type Assertion = z.infer<typeof assertionSchema>;
export type AssertionType = Assertion['type'];
export const MODEL_GRADED: readonly AssertionType[] = ['llm-rubric', 'factuality'];
