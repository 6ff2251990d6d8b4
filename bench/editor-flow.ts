// A generated 500-node flow for the editor benchmark: an input, 20 rows of 25 chained nodes
// (templates, prompts and conditions), one output.
import type { Flow } from '../worker/engine/index';

export function generateFlow(size = 500): Flow {
  const cols = 25;
  const nodes: Flow['nodes'] = [{ id: 'start', type: 'input', position: { x: 0, y: 0 }, data: {} }];
  const edges: Flow['edges'] = [];
  const middle = size - 2;
  for (let i = 0; i < middle; i++) {
    const row = Math.floor(i / cols);
    const col = i % cols;
    const id = `n${i}`;
    const prev = col === 0 ? 'start' : `n${i - 1}`;
    const kind = i % 10 === 3 ? 'prompt' : 'template';
    const data =
      kind === 'prompt'
        ? {
            model: 'gpt-4o-mini',
            prompt: { text: `Step ${i}: {{nodes.${prev === 'start' ? 'start' : prev}.output}} for {{input.question}}` },
          }
        : { template: `{{input.question}} #${i}` };
    nodes.push({ id, type: kind, position: { x: 260 * (col + 1), y: 140 * row }, data });
    edges.push({ source: prev, target: id });
  }
  nodes.push({ id: 'answer', type: 'output', position: { x: 260 * (cols + 1), y: 0 }, data: { value: `nodes.n${cols - 1}.output` } });
  edges.push({ source: `n${cols - 1}`, target: 'answer' });
  return {
    $schema: './flow.schema.json',
    version: 1,
    id: 'bench-500',
    name: 'Benchmark: 500 nodes',
    description: 'Generated for npm run bench:editor',
    input: { fields: { question: { type: 'string', required: true } } },
    examples: [],
    nodes,
    edges,
  };
}
