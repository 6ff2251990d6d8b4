// The pathological inputs of issue 8 §3, run through runFlow: how long each blocks the isolate
// (wall and CPU time of the whole run, which has no I/O, so it is one long synchronous stretch at
// worst) and the typed error it ends with. Goal: under 50 ms of CPU per expression. Also the worst
// expression the cost limit still admits, to show what "allowed" costs. `npx tsx bench/limits.ts`
import { pathToFileURL } from 'node:url';
import { runFlow, type Flow } from '../worker/engine';

const llm = { complete: () => Promise.reject(new Error('no model calls here')) };
const prompts = { resolve: () => Promise.reject(new Error('no prompts here')) };

function flowOf(node: { type: string; data: Record<string, unknown> }, fields: Record<string, unknown>): Flow {
  const nodes = [
    { id: 'question', type: 'input', position: { x: 0, y: 0 }, data: {} },
    { id: 'work', position: { x: 0, y: 0 }, ...node },
    ...(node.type === 'output' ? [] : [{ id: 'answer', type: 'output', position: { x: 0, y: 0 }, data: {} }]),
  ];
  const edges = [{ source: 'question', target: 'work' }, ...(node.type === 'output' ? [] : [{ source: 'work', target: 'answer' }])];
  return { version: 1, id: 'limits', name: 'limits', input: { fields: fields as Flow['input']['fields'] }, nodes, edges };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const cases: { name: string; flow: Flow; input: Record<string, unknown> }[] = [
  {
    name: 'matches ^(\\w+\\s?)+$ on 28 a + "!"',
    flow: flowOf({ type: 'output', data: { value: 'input.s.matches("^(\\\\w+\\\\s?)+$")' } }, { s: { type: 'string' } }),
    input: { s: `${'a'.repeat(28)}!` },
  },
  {
    name: 'nested exists over 10,000 items',
    flow: flowOf(
      { type: 'output', data: { value: 'input.items.exists(x, input.items.exists(y, x == -y))' } },
      { items: { type: 'array' } },
    ),
    input: { items: range(10_000).map((i) => i + 1) },
  },
  {
    name: 'nested sections over 5,000 items',
    flow: flowOf(
      { type: 'template', data: { template: '{{#input.items}}{{#input.items}}x{{/input.items}}{{/input.items}}' } },
      { items: { type: 'array' } },
    ),
    input: { items: range(5000) },
  },
  {
    name: '60 KB input repeated 2,000 times',
    flow: flowOf(
      { type: 'template', data: { template: '{{#input.items}}{{input.big}}{{/input.items}}' } },
      { big: { type: 'string' }, items: { type: 'array' } },
    ),
    input: { big: 'x'.repeat(60_000), items: range(2000) },
  },
  {
    name: 'allowed: single exists over 10,000',
    flow: flowOf({ type: 'output', data: { value: 'input.items.exists(x, x == 9999)' } }, { items: { type: 'array' } }),
    input: { items: range(10_000) },
  },
  {
    name: 'allowed: nested exists over 300',
    flow: flowOf(
      { type: 'output', data: { value: 'input.items.exists(x, input.items.exists(y, x == -y - 1))' } },
      { items: { type: 'array' } },
    ),
    input: { items: range(300) },
  },
];

export async function benchLimits(repeats = 5) {
  console.log(`Pathological inputs (${repeats} runs each, the first one cold; the whole run, input check included):`);
  const results: Record<string, { maxCpuMs: number; medianCpuMs: number; maxWallMs: number; outcome: string }> = {};
  for (const c of cases) {
    const cpus: number[] = [];
    let maxWallMs = 0;
    let outcome = '';
    for (let i = 0; i < repeats; i++) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const result = await runFlow(c.flow, c.input, { llm, prompts }).catch((e: { code?: string }) => ({
        status: 'thrown',
        error: { code: e.code },
      }));
      maxWallMs = Math.max(maxWallMs, performance.now() - start);
      const used = process.cpuUsage(cpu);
      cpus.push((used.user + used.system) / 1000);
      outcome = result.status === 'ok' ? `ok (${JSON.stringify((result as { output?: unknown }).output)})` : `${result.error?.code}`;
    }
    const sorted = [...cpus].sort((a, b) => a - b);
    const r = { maxCpuMs: sorted.at(-1)!, medianCpuMs: sorted[Math.floor(sorted.length / 2)], maxWallMs, outcome };
    results[c.name] = r;
    console.log(
      `  ${c.name.padEnd(38)} CPU max ${r.maxCpuMs.toFixed(1).padStart(5)} ms, median ${r.medianCpuMs.toFixed(1).padStart(5)} ms; wall max ${maxWallMs.toFixed(1).padStart(5)} ms   ${outcome}`,
    );
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchLimits();
