// Flows and calls for the run-log tests: a branching flow with a fine-tuned node and a fallback.
import { backgroundSettled } from '../../../worker/runs/background';
import { call, INVOKE } from '../routes/helpers';

export const run = async (id: string, input: unknown, init: Parameters<typeof call>[1] = {}) => {
  const res = await call(`/v1/flows/${id}/run`, { method: 'POST', token: INVOKE, json: { input }, ...init });
  const body = (await res.json()) as { runId: string; output?: unknown; error?: { code: string } };
  await backgroundSettled();
  return { res, body };
};

/** input -> route (condition on the question) -> ft (fine-tuned, fallback -> base) | base -> result. */
export function branchingFlow(id: string, ftModel: string, baseModel = 'gpt-4o-mini') {
  return {
    version: 1,
    id,
    name: `Flow ${id}`,
    input: { fields: { question: { type: 'string', required: true }, email: { type: 'string' } } },
    nodes: [
      { id: 'question', type: 'input', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'route',
        type: 'condition',
        position: { x: 100, y: 0 },
        data: { cases: [{ id: 'tech', expression: 'input.question.contains("E5")' }] },
      },
      {
        id: 'ft',
        type: 'finetuned',
        position: { x: 200, y: 0 },
        data: { model: ftModel, baseModel, prompt: { text: 'Tech: {{input.question}}' } },
      },
      {
        id: 'base',
        type: 'prompt',
        position: { x: 200, y: 100 },
        data: { model: baseModel, prompt: { text: 'Q: {{input.question}} from {{input.email}}' } },
      },
      { id: 'result', type: 'output', position: { x: 300, y: 0 }, data: {} },
    ],
    edges: [
      { source: 'question', target: 'route' },
      { source: 'route', sourceHandle: 'tech', target: 'ft' },
      { source: 'route', sourceHandle: 'default', target: 'base' },
      { source: 'ft', target: 'result' },
      { source: 'ft', sourceHandle: 'fallback', target: 'base' },
      { source: 'base', target: 'result' },
    ],
  };
}
