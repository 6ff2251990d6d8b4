// In-process benchmark: the interpreter running a reference flow against a zero-latency model
// client, side by side with a hand-written function making the same two calls. Prints overhead
// per run and per node and the ratio. Timing assertions never live in tests; they live here.
import { pathToFileURL } from 'node:url';
import { prepareFlow, runFlow, validateFlow, type Flow, type LlmClient, type LlmRequest, type PromptResolver } from '../worker/engine';

export const referenceFlow: Flow = {
  version: 1,
  id: 'bench-reference',
  name: 'Benchmark reference',
  input: { fields: { question: { type: 'string', required: true } } },
  nodes: [
    { id: 'question', type: 'input', position: { x: 0, y: 0 }, data: {} },
    {
      id: 'classify',
      type: 'prompt',
      position: { x: 200, y: 0 },
      data: {
        model: 'gpt-4o-mini',
        prompt: { text: 'Classify: {{input.question}}' },
        responseFormat: {
          type: 'json',
          schema: { type: 'object', properties: { topic: { type: 'string', enum: ['technical', 'other'] } }, required: ['topic'] },
        },
      },
    },
    {
      id: 'route',
      type: 'condition',
      position: { x: 400, y: 0 },
      data: { cases: [{ id: 'tech', expression: 'nodes.classify.output.topic == "technical"' }] },
    },
    {
      id: 'specialist',
      type: 'finetuned',
      position: { x: 600, y: -100 },
      data: { model: 'ft:gpt-4o-mini:acme:x1000:1', baseModel: 'gpt-4o-mini', prompt: { text: 'Answer: {{input.question}}' } },
    },
    {
      id: 'general',
      type: 'prompt',
      position: { x: 600, y: 100 },
      data: { model: 'gpt-4o-mini', prompt: { text: 'Answer: {{input.question}}' } },
    },
    { id: 'answer', type: 'output', position: { x: 800, y: 0 }, data: {} },
  ],
  edges: [
    { source: 'question', target: 'classify' },
    { source: 'classify', target: 'route' },
    { source: 'route', sourceHandle: 'tech', target: 'specialist' },
    { source: 'route', sourceHandle: 'default', target: 'general' },
    { source: 'specialist', target: 'answer' },
    { source: 'general', target: 'answer' },
  ],
};

/** Zero-latency model: answers JSON for JSON requests, text otherwise. */
export const instantLlm: LlmClient = {
  async complete(req: LlmRequest) {
    const text =
      req.responseFormat?.type === 'json'
        ? '{"topic":"technical","confidence":0.9}'
        : `answer to ${req.messages[req.messages.length - 1].content}`;
    return { text, model: req.model, provider: req.provider, usage: { inputTokens: 10, outputTokens: 5 }, attempts: 1 };
  },
};
const prompts: PromptResolver = { resolve: async () => Promise.reject(new Error('unused')) };

/** The same work written by hand: two calls, the branch in an if. */
async function handWritten(llm: LlmClient, question: string): Promise<string> {
  const signal = new AbortController().signal;
  const cls = await llm.complete({
    provider: 'default',
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: `Classify: ${question}` }],
    responseFormat: { type: 'json' },
    signal,
  });
  const topic = (JSON.parse(cls.text) as { topic: string }).topic;
  const model = topic === 'technical' ? 'ft:gpt-4o-mini:acme:x1000:1' : 'gpt-4o-mini';
  const answer = await llm.complete({ provider: 'default', model, messages: [{ role: 'user', content: `Answer: ${question}` }], signal });
  return answer.text;
}

async function timeIt(label: string, iterations: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(2000, iterations / 5); i++) await fn(); // warm-up (JIT)
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  const perRunUs = ((performance.now() - start) * 1000) / iterations;
  console.log(`  ${label.padEnd(28)} ${perRunUs.toFixed(2).padStart(9)} µs/run`);
  return perRunUs;
}

const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type, position: { x: 0, y: 0 }, data });

/** input -> t1 -> ... -> tN -> output, each template reading its predecessor. */
export function chainFlow(n: number): Flow {
  const ids = Array.from({ length: n }, (_, i) => `t${i + 1}`);
  return {
    version: 1,
    id: `chain-${n}`,
    name: `Chain of ${n}`,
    input: { fields: { question: { type: 'string', required: true } } },
    nodes: [
      node('question', 'input'),
      ...ids.map((id, i) => node(id, 'template', { template: i === 0 ? '{{input.question}}' : `{{nodes.${ids[i - 1]}.output}}` })),
      node('answer', 'output'),
    ],
    edges: ['question', ...ids, 'answer'].slice(1).map((target, i) => ({ source: i === 0 ? 'question' : ids[i - 1], target })),
  };
}

/** input -> n prompt nodes in parallel -> one output joining them. */
export function fanOutFlow(n: number): Flow {
  const ids = Array.from({ length: n }, (_, i) => `p${i + 1}`);
  return {
    version: 1,
    id: `fan-${n}`,
    name: `Fan-out of ${n}`,
    input: { fields: { question: { type: 'string', required: true } } },
    nodes: [
      node('question', 'input'),
      ...ids.map((id) => node(id, 'prompt', { model: 'gpt-4o-mini', prompt: { text: 'Q: {{input.question}}' } })),
      node('answer', 'output', { value: `nodes.${ids[n - 1]}.output` }),
    ],
    edges: ids.flatMap((id) => [
      { source: 'question', target: id },
      { source: id, target: 'answer' },
    ]),
  };
}

async function perNode(label: string, flow: Flow, iterations: number) {
  const limits = { maxNodes: 5000, maxConcurrency: 6 };
  const input = { question: 'q' };
  const plan = prepareFlow(flow, limits);
  const check = await runFlow(plan, input, { llm: instantLlm, prompts, limits });
  if (check.status !== 'ok') throw new Error(`${label}: ${JSON.stringify(check.error)}`);
  const n = flow.nodes.length;
  const time = async (fn: () => unknown) => {
    for (let i = 0; i < Math.max(3, iterations / 10); i++) await fn();
    const start = performance.now();
    for (let i = 0; i < iterations; i++) await fn();
    return ((performance.now() - start) * 1000) / iterations / n;
  };
  const runUs = await time(() => runFlow(plan, input, { llm: instantLlm, prompts, limits }));
  const validateUs = await time(() => validateFlow(flow, limits));
  console.log(
    `  ${label.padEnd(22)} ${String(n).padStart(5)} nodes   run ${runUs.toFixed(2).padStart(7)} µs/node   validate ${validateUs.toFixed(2).padStart(7)} µs/node`,
  );
  return { nodes: n, runUsPerNode: runUs, validateUsPerNode: validateUs };
}

/** µs per node as flows grow: flat means scheduling and validation are linear in nodes + edges. */
export async function benchScaling() {
  console.log('Scaling (warm runs, zero-latency model; validation of the same flow):');
  return {
    chain10: await perNode('chain', chainFlow(10), 2000),
    chain100: await perNode('chain', chainFlow(100), 300),
    chain1000: await perNode('chain', chainFlow(1000), 30),
    fanOut50: await perNode('fan-out', fanOutFlow(50), 500),
  };
}

export async function benchInProcess(iterations = 20_000) {
  const input = { question: 'How do I fix error E5 on the X1000?' };
  console.log(`In process (${iterations} runs, zero-latency model, ${referenceFlow.nodes.length} nodes):`);
  const check = await runFlow(referenceFlow, input, { llm: instantLlm, prompts });
  if (check.status !== 'ok' || check.output !== (await handWritten(instantLlm, input.question)))
    throw new Error('the flow and the hand-written function disagree');
  const baseline = await timeIt('hand-written function', iterations, () => handWritten(instantLlm, input.question));
  // Warm: the worker keeps parsed flows per isolate, so validation happens once per flow version.
  const engine = await timeIt('runFlow (warm, validated)', iterations, () => runFlow(referenceFlow, input, { llm: instantLlm, prompts }));
  // Cold: a fresh flow object every run, so every run validates too (a worker's first request).
  const cold = await timeIt('runFlow (cold, validates)', iterations, () =>
    runFlow(structuredClone(referenceFlow), input, { llm: instantLlm, prompts }),
  );
  const executed = check.trace.filter((t) => t.status !== 'skipped').length;
  const overheadUs = engine - baseline;
  const coldOverheadUs = cold - baseline;
  const result = {
    baselineUsPerRun: baseline,
    engineUsPerRun: engine,
    coldUsPerRun: cold,
    overheadUsPerRun: overheadUs,
    nodesExecuted: executed,
    overheadUsPerNode: overheadUs / executed,
    coldOverheadUsPerNode: coldOverheadUs / executed,
    ratio: engine / baseline,
  };
  console.log(
    `  warm overhead ${overheadUs.toFixed(1)} µs/run, ${result.overheadUsPerNode.toFixed(1)} µs/node (${executed} nodes ran), ratio ${result.ratio.toFixed(2)}x (target: < 50 µs/node)`,
  );
  console.log(`  cold overhead ${coldOverheadUs.toFixed(1)} µs/run, ${result.coldOverheadUsPerNode.toFixed(1)} µs/node`);
  return { ...result, scaling: await benchScaling() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await benchInProcess(Number(process.env.BENCH_ITERATIONS ?? 20_000));
