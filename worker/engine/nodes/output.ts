// The flow's answer: one upstream value (a CEL expression, or the single upstream node's output
// when omitted) or a mapping of fields, each a CEL expression over `input` and `nodes`.
import * as z from 'zod';
import { evaluateExpression } from '../expression';
import { defineNode, none } from './types';

export const outputData = z.strictObject({
  value: z.string().min(1).optional().describe('CEL expression for the answer, e.g. nodes.answer.output'),
  fields: z.record(z.string(), z.string().min(1)).optional().describe('Answer as an object: field name to CEL expression'),
});
export type OutputData = z.infer<typeof outputData>;

export const outputNode = defineNode<OutputData>({
  type: 'output',
  label: 'Output',
  description: "The flow's answer. On different branches, the output node reached answers.",
  data: outputData,
  defaults: () => ({}),
  acceptsInput: true,
  handles: () => [],
  templates: none,
  expressions: (data) => [
    ...(data.value ? [{ path: ['value'], source: data.value }] : []),
    ...Object.entries(data.fields ?? {}).map(([k, v]) => ({ path: ['fields', k], source: v })),
  ],
  promptRefs: none,
  callsModel: false,
  run: async ({ data, scope, liveInputs }) => {
    const s = scope as unknown as Record<string, unknown>;
    if (data.fields) return { output: Object.fromEntries(Object.entries(data.fields).map(([k, v]) => [k, evaluateExpression(v, s)])) };
    if (data.value) return { output: evaluateExpression(data.value, s) };
    // Without a mapping: the output of the upstream node whose edge was taken.
    const from = liveInputs[liveInputs.length - 1];
    return { output: from ? (scope.nodes[from]?.output ?? null) : null };
  },
});
