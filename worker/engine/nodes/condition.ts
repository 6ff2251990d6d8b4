// Ordered cases, each a handle with a CEL expression over `input` and `nodes`, plus `default`.
// The first case whose expression is true is taken; otherwise `default`. Exactly one handle.
import * as z from 'zod';
import { WeirError } from '../errors';
import { evaluateExpression } from '../expression';
import { defineNode, none } from './types';

export const DEFAULT_HANDLE = 'default';

export const conditionData = z.strictObject({
  cases: z
    .array(
      z.strictObject({
        id: z
          .string()
          .regex(/^[a-z][a-z0-9_-]*$/, 'case ids are lowercase slugs (they name the handle)')
          .refine((id) => id !== DEFAULT_HANDLE && id !== 'out', 'case id "default" and "out" are reserved'),
        label: z.string().optional(),
        expression: z.string().min(1).describe('CEL over input and nodes, e.g. nodes.classify.output.topic == "technical"'),
      }),
    )
    .describe('Checked in order; the first true case is taken'),
});
export type ConditionData = z.infer<typeof conditionData>;

export const conditionNode = defineNode<ConditionData>({
  type: 'condition',
  label: 'Condition',
  description: 'Branches on CEL expressions; the untaken handles are skipped.',
  data: conditionData,
  defaults: () => ({ cases: [{ id: 'yes', expression: 'true' }] }),
  acceptsInput: true,
  handles: (data) => [...data.cases.map((c) => ({ id: c.id, label: c.label ?? c.id })), { id: DEFAULT_HANDLE, label: 'default' }],
  templates: none,
  expressions: (data) => data.cases.map((c, i) => ({ path: ['cases', i, 'expression'], source: c.expression })),
  promptRefs: none,
  callsModel: false,
  run: async ({ data, scope, id }) => {
    for (const c of data.cases) {
      const value = evaluateExpression(c.expression, scope as unknown as Record<string, unknown>);
      if (typeof value !== 'boolean') {
        throw new WeirError('expression_error', `case "${c.id}" must be true or false, got ${JSON.stringify(value)}`, { nodeId: id });
      }
      if (value) return { output: { case: c.id }, handle: c.id, trace: { handle: c.id } };
    }
    return { output: { case: DEFAULT_HANDLE }, handle: DEFAULT_HANDLE, trace: { handle: DEFAULT_HANDLE } };
  },
});
