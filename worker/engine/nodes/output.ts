// The flow's answer: one upstream value (a CEL expression, or the single upstream node's output
// when omitted) or a mapping of fields, each a CEL expression over `input` and `nodes`.
import * as z from 'zod';
import { evaluateExpression } from '../expression';
import { widget } from '../widgets';
import { defineNode } from './types';

export const outputData = z.strictObject({
  value: widget(z.string().min(1), 'cel', 'CEL expression for the answer, e.g. nodes.answer.output').optional(),
  fields: widget(z.record(z.string(), z.string().min(1)), 'fields', 'Answer as an object: field name to CEL expression').optional(),
});
export type OutputData = z.infer<typeof outputData>;

const clip = (s: string) => (s.length > 48 ? `${s.slice(0, 47)}…` : s);

export const outputNode = defineNode<OutputData>({
  type: 'output',
  label: 'Output',
  description:
    "The flow's answer. When several output nodes run in one run, the first in the file's node order answers (validation warns).",
  color: '#334155',
  data: outputData,
  defaults: () => ({}),
  summary: (data) => [data.value ? clip(data.value) : data.fields ? `{ ${Object.keys(data.fields).join(', ')} }` : 'upstream output'],
  handles: () => [],
  answersRun: true,
  // The answer is a model's text as is when nothing reshapes it (no fields; no value, or nodes.<id>.output).
  answerIsVerbatim: (data) => data.fields === undefined && (data.value === undefined || /^\s*nodes\.\w+\.output\s*$/.test(data.value)),
  expressions: (data) => [
    ...(data.value ? [{ path: ['value'], source: data.value }] : []),
    ...Object.entries(data.fields ?? {}).map(([k, v]) => ({ path: ['fields', k], source: v })),
  ],
  run: async ({ data, scope, liveInputs, limits }) => {
    const cost = limits.maxExpressionCost;
    if (data.fields)
      return { output: Object.fromEntries(Object.entries(data.fields).map(([k, v]) => [k, evaluateExpression(v, scope, cost)])) };
    if (data.value) return { output: evaluateExpression(data.value, scope, cost) };
    // Without a mapping: the output of the upstream node whose edge was taken.
    const from = liveInputs[liveInputs.length - 1];
    return { output: from ? (scope.nodes[from]?.output ?? null) : null };
  },
});
