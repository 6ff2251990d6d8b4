// What a running experiment costs a request, over HTTP: the reference flow served by one
// `wrangler dev` under two ids, one plain and one with a running 50/50 experiment (both arms the
// same published version, so only the experiment differs), against a zero-latency fake model.
// Sequential requests alternate between the two, each with a new Weir-Subject. Prints the ratio.
// Run: npx tsx bench/experiments.ts [requests]
import { startWeir, type Weir } from '../test/e2e/harness';
import { startFakeOpenAI } from '../test/helpers/fake-openai';
import { referenceFlow } from './in-process';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

async function publish(weir: Weir, id: string): Promise<void> {
  const headers = { authorization: `Bearer ${weir.adminToken}`, 'content-type': 'application/json' };
  const ok = async (res: Promise<Response>) => {
    const r = await res;
    if (!r.ok) throw new Error(`${r.url}: ${r.status} ${await r.text()}`);
  };
  await ok(fetch(`${weir.url}/v1/flows/${id}`, { method: 'PUT', headers, body: JSON.stringify({ ...referenceFlow, id }) }));
  await ok(fetch(`${weir.url}/v1/flows/${id}/versions`, { method: 'POST', headers, body: '{}' }));
  await ok(fetch(`${weir.url}/v1/flows/${id}/labels/production`, { method: 'PUT', headers, body: JSON.stringify({ version: 1 }) }));
}

export async function benchExperiments(requests = 300) {
  const fake = await startFakeOpenAI();
  const weir = await startWeir({ OPENAI_API_KEY: 'bench-key', OPENAI_BASE_URL: fake.url, RATE_LIMITS: 'off' });
  try {
    const plain = referenceFlow.id;
    const split = `${referenceFlow.id}-exp`;
    await publish(weir, plain);
    await publish(weir, split);
    const headers = { authorization: `Bearer ${weir.adminToken}`, 'content-type': 'application/json' };
    const arms = [
      { name: 'a', ref: 1, weight: 50 },
      { name: 'b', ref: 'production', weight: 50 },
    ];
    await fetch(`${weir.url}/v1/experiments`, { method: 'POST', headers, body: JSON.stringify({ id: 'bench', flowId: split, arms }) });
    const started = await fetch(`${weir.url}/v1/experiments/bench/start`, { method: 'POST', headers });
    if (!started.ok) throw new Error(`starting the experiment failed: ${started.status} ${await started.text()}`);
    const body = JSON.stringify({ input: { question: 'How do I fix error E5 on the X1000?' } });
    let n = 0;
    const timed = async (id: string) => {
      const start = performance.now();
      const res = await fetch(`${weir.url}/v1/flows/${id}/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${weir.invokeKey}`, 'content-type': 'application/json', 'weir-subject': `user-${n++}` },
        body,
      });
      await res.json();
      if (!res.ok) throw new Error(`${id} answered ${res.status}`);
      if (id === split && !res.headers.get('weir-experiment-arm')) throw new Error('the experiment did not choose an arm');
      return performance.now() - start;
    };
    for (let i = 0; i < 30; i++) await Promise.all([timed(plain), timed(split)]);
    const ms = { plain: [] as number[], split: [] as number[] };
    for (let i = 0; i < requests; i++)
      for (const which of i % 2 ? (['plain', 'split'] as const) : (['split', 'plain'] as const))
        ms[which].push(await timed(which === 'plain' ? plain : split));
    const result = {
      requests,
      plain: { p50Ms: median(ms.plain), p95Ms: p95(ms.plain) },
      experiment: { p50Ms: median(ms.split), p95Ms: p95(ms.split) },
      p50Ratio: median(ms.split) / median(ms.plain),
    };
    console.log(`Experiments over HTTP (wrangler dev, ${requests} sequential requests each, zero-latency fake model):`);
    console.log(`  no experiment       p50 ${result.plain.p50Ms.toFixed(2)} ms  p95 ${result.plain.p95Ms.toFixed(2)} ms`);
    console.log(`  running experiment  p50 ${result.experiment.p50Ms.toFixed(2)} ms  p95 ${result.experiment.p95Ms.toFixed(2)} ms`);
    console.log(`  ratio (experiment / none, p50): ${result.p50Ratio.toFixed(3)}`);
    return result;
  } finally {
    await weir.stop();
    await fake.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchExperiments(Number(process.argv[2] ?? 300));
