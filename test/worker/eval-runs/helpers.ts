// Fixtures for eval-run tests: a flow, a dataset and an eval stored through the API, and helpers
// to start a run, wait for its Workflow and read it back.
import { expect } from 'vitest';
import type { EvalReport } from '../../../worker/evals/report';
import type { Cell, EvalRunSummary, NodeStats } from '../../../worker/eval-runs/types';
import { admin, putFlow, simpleFlow } from '../routes/helpers';

export interface RunDetail {
  run: EvalRunSummary;
  report: EvalReport | null;
  cells: Cell[];
  nodes: NodeStats;
}

export const datasetText = (n: number, prefix = 'q') =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      id: `${prefix}${i + 1}`,
      input: { question: `question ${i + 1}` },
      expected: `answer ${i + 1}`,
      split: i % 4 === 3 ? 'train' : 'test',
    }),
  ).join('\n') + '\n';

export async function putDataset(name: string, text: string): Promise<string> {
  const res = await admin(`/v1/datasets/${name}`, { method: 'PUT', body: text, headers: { 'content-type': 'application/jsonl' } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { hash: string }).hash;
}

/** An eval of `flow` on `dataset`'s test split: the flow as it is, another model, and a model that fails. */
export function evalFile(flow: string, dataset: string, extra: Record<string, unknown> = {}) {
  return {
    version: 1,
    flow,
    dataset: { name: dataset, split: 'test' },
    variants: [
      { name: 'base' },
      { name: 'other', overrides: { answer: { model: 'other-model' } } },
      { name: 'broken', description: 'a provider that fails', overrides: { answer: { model: 'echo:fail-404' } } },
    ],
    assert: [{ type: 'icontains', value: 'question', metric: 'answers the question' }],
    ...extra,
  };
}

/** A flow, a dataset of `items` (three in four in the test split) and an eval named `name`. */
export async function setup(name: string, items = 8, extra: Record<string, unknown> = {}) {
  await putFlow(simpleFlow(`${name}-flow`));
  const hash = await putDataset(`${name}-data`, datasetText(items));
  const res = await admin(`/v1/evals/${name}`, { method: 'PUT', json: evalFile(`${name}-flow`, `${name}-data`, extra) });
  expect(res.status).toBe(201);
  return { hash };
}

export async function startRun(body: Record<string, unknown>): Promise<EvalRunSummary> {
  const res = await admin('/v1/eval-runs', { method: 'POST', json: body });
  if (res.status !== 202) throw new Error(`start: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { run: EvalRunSummary }).run;
}

export async function detail(id: string): Promise<RunDetail> {
  const res = await admin(`/v1/eval-runs/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as RunDetail;
}

export async function waitFor(id: string, statuses: string[], tries = 400): Promise<RunDetail> {
  for (let i = 0; i < tries; i++) {
    const d = await detail(id);
    if (statuses.includes(d.run.status)) return d;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`eval run ${id} never reached ${statuses.join(' | ')}`);
}
