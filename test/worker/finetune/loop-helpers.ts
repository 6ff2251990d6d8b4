// A flow with a fine-tuned node that falls back to an engineered prompt, and a dataset for it, as
// the improvement-loop tests (targets, adopt, three-way eval, replacements) use them.
import { admin } from '../routes/helpers';

export function loopFlow(id: string, extra: { finetunedPrompt?: boolean } = {}) {
  return {
    version: 1,
    id,
    name: `Loop ${id}`,
    input: { fields: { question: { type: 'string', required: true, maxLength: 500 } } },
    nodes: [
      { id: 'question', type: 'input', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'specialist',
        type: 'finetuned',
        position: { x: 200, y: 0 },
        data: {
          model: 'ft:gpt-4o-mini-2024-07-18:acme:old:1',
          baseModel: 'gpt-4o-mini-2024-07-18',
          ...(extra.finetunedPrompt === false ? {} : { prompt: { text: 'Answer briefly: {{input.question}}' } }),
        },
      },
      {
        id: 'detailed',
        type: 'prompt',
        position: { x: 400, y: 100 },
        data: {
          model: 'gpt-4o-mini',
          system: 'You are X1000 support. Error codes: E1 sensor, E5 overheating.',
          prompt: { text: 'Troubleshoot step by step: {{input.question}}' },
        },
      },
      { id: 'answer', type: 'output', position: { x: 600, y: 0 }, data: {} },
    ],
    edges: [
      { source: 'question', target: 'specialist' },
      { source: 'specialist', target: 'answer' },
      { source: 'specialist', sourceHandle: 'fallback', target: 'detailed' },
      { source: 'detailed', target: 'answer' },
    ],
  };
}

/** n train items, 2 validation, 2 test: enough for OpenAI's minimum of 10 examples. */
export function loopDataset(train = 10): string {
  const item = (i: number, split: string) =>
    JSON.stringify({
      id: `q${i}`,
      input: { question: `How do I fix error E${i} on the X1000?` },
      expected: `E${i}: reset the unit, then check sensor ${i}.`,
      split,
    });
  const lines = [
    ...Array.from({ length: train }, (_, i) => item(i, 'train')),
    item(100, 'validation'),
    item(101, 'validation'),
    item(200, 'test'),
    item(201, 'test'),
  ];
  return lines.join('\n') + '\n';
}

export async function putLoop(flowId: string, dataset: string, train = 10): Promise<void> {
  const f = await admin(`/v1/flows/${flowId}`, { method: 'PUT', json: loopFlow(flowId) });
  if (f.status !== 200) throw new Error(`flow: ${f.status} ${await f.text()}`);
  const d = await admin(`/v1/datasets/${dataset}`, {
    method: 'PUT',
    body: loopDataset(train),
    headers: { 'content-type': 'application/jsonl' },
  });
  if (d.status !== 200) throw new Error(`dataset: ${d.status} ${await d.text()}`);
}
