// Ordered cases, each a handle with a CEL expression over `input` and `nodes`, plus `default`.
// The first case whose expression is true is taken; otherwise `default`. Exactly one handle.
import * as z from 'zod';
import { WeirError } from '../errors';
import { evaluateExpression } from '../expression';
import { widget } from '../widgets';
import { defineNode } from './types';

export const DEFAULT_HANDLE = 'default';

export const conditionData = z.strictObject({
  cases: widget(
    z.array(
      z.strictObject({
        id: widget(
          z
            .string()
            .regex(/^[a-z][a-z0-9_-]*$/, 'case ids are lowercase slugs (they name the handle)')
            .refine((id) => id !== DEFAULT_HANDLE && id !== 'out', 'case id "default" and "out" are reserved'),
          'text',
        ),
        label: widget(z.string(), 'text', 'shown on the handle').optional(),
        expression: widget(z.string().min(1), 'cel', 'CEL over input and nodes, e.g. nodes.classify.output.topic == "technical"'),
      }),
    ),
    'cases',
    'Checked in order; the first true case is taken',
  ),
});
export type ConditionData = z.infer<typeof conditionData>;

export const conditionNode = defineNode<ConditionData>({
  type: 'condition',
  label: 'Condition',
  description: 'Branches on CEL expressions; the untaken handles are skipped.',
  color: '#d97706',
  data: conditionData,
  defaults: () => ({ cases: [{ id: 'yes', expression: 'true' }] }),
  summary: (data) => [`${data.cases.length} case${data.cases.length === 1 ? '' : 's'} + default`],
  handles: (data) => [...data.cases.map((c) => ({ id: c.id, label: c.label ?? c.id })), { id: DEFAULT_HANDLE, label: 'default' }],
  expressions: (data) => data.cases.map((c, i) => ({ path: ['cases', i, 'expression'], source: c.expression })),
  check: ({ id, data, connectedHandles, report }) => {
    if (!connectedHandles.has(DEFAULT_HANDLE))
      report('condition_without_default', `condition "${id}" has nothing connected to its default handle`, []);
    const seen = new Set<string>();
    data.cases.forEach((c, i) => {
      if (seen.has(c.id)) report('duplicate_case', `case id "${c.id}" is used twice`, ['cases', i, 'id']);
      seen.add(c.id);
      if (!connectedHandles.has(c.id)) report('unconnected_case', `case "${c.id}" leads nowhere`, ['cases', i], 'warning');
    });
  },
  run: async ({ data, scope, id, limits }) => {
    for (const c of data.cases) {
      const value = evaluateExpression(c.expression, scope, limits.maxExpressionCost);
      if (typeof value !== 'boolean') {
        throw new WeirError('expression_error', `case "${c.id}" must be true or false, got ${JSON.stringify(value)}`, { nodeId: id });
      }
      if (value) return { output: { case: c.id }, handle: c.id };
    }
    return { output: { case: DEFAULT_HANDLE }, handle: DEFAULT_HANDLE };
  },
});
