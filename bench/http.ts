// Over HTTP: the reference flow through a real `wrangler dev` running Weir, against a plain Hono
// route making the same two SDK calls in another `wrangler dev`, both calling the same
// zero-latency fake OpenAI server. Requests alternate so both see the same machine load.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../scripts/lib/dev-server';
import { startWeir } from '../test/e2e/harness';
import { startFakeOpenAI } from '../test/helpers/fake-openai';
import { referenceFlow } from './in-process';

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    meanMs: ms.reduce((a, b) => a + b, 0) / ms.length,
    p50Ms: sorted[Math.floor(sorted.length / 2)],
    p95Ms: sorted[Math.floor(sorted.length * 0.95)],
  };
};

async function timed(url: string, init: RequestInit): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, init);
  const body = (await res.json()) as { output?: unknown };
  if (!res.ok || typeof body.output !== 'string') throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body)}`);
  return performance.now() - start;
}

export async function benchHttp(requests = 300) {
  const fake = await startFakeOpenAI();
  const vars = { OPENAI_API_KEY: 'bench-key', OPENAI_BASE_URL: fake.url, RATE_LIMITS: 'off' }; // throughput, not the limiter
  const weir = await startWeir(vars);
  const dir = mkdtempSync(join(tmpdir(), 'weir-bench-'));
  const envFile = join(dir, 'baseline.env');
  writeFileSync(
    envFile,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n',
  );
  const root = join(import.meta.dirname, '..');
  const baseline = await startDevServer({
    root,
    port: 0,
    persistTo: join(dir, 'state'),
    envFiles: [envFile],
    output: 'collect',
    config: join(root, 'bench', 'baseline', 'wrangler.toml'),
  });
  try {
    const put = await fetch(`${weir.url}/v1/flows/${referenceFlow.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${weir.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(referenceFlow),
    });
    if (!put.ok) throw new Error(`storing the reference flow failed: ${put.status} ${await put.text()}`);
    // Served as in production: a published version behind the production label (warm: no KV read).
    const admin = { authorization: `Bearer ${weir.adminToken}`, 'content-type': 'application/json' };
    const published = await fetch(`${weir.url}/v1/flows/${referenceFlow.id}/versions`, { method: 'POST', headers: admin, body: '{}' });
    const { version } = (await published.json()) as { version: number };
    await fetch(`${weir.url}/v1/flows/${referenceFlow.id}/labels/production`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ version }),
    });
    const body = JSON.stringify({ input: { question: 'How do I fix error E5 on the X1000?' } });
    const weirReq = () =>
      timed(`${weir.url}/v1/flows/${referenceFlow.id}/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${weir.invokeKey}`, 'content-type': 'application/json' },
        body,
      });
    const baseReq = () => timed(`${baseline.url}/v1/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    for (let i = 0; i < 30; i++) await Promise.all([weirReq(), baseReq()]); // warm both isolates
    const weirMs: number[] = [];
    const baseMs: number[] = [];
    for (let i = 0; i < requests; i++) {
      // Alternate which goes first, so neither always runs on a just-warmed machine.
      if (i % 2) {
        weirMs.push(await weirReq());
        baseMs.push(await baseReq());
      } else {
        baseMs.push(await baseReq());
        weirMs.push(await weirReq());
      }
    }
    const result = { requests, weir: stats(weirMs), baseline: stats(baseMs), ratio: 0 };
    result.ratio = result.weir.meanMs / result.baseline.meanMs;
    console.log(`Over HTTP (wrangler dev, ${requests} sequential requests each, zero-latency fake model):`);
    console.log(
      `  plain Hono route     mean ${result.baseline.meanMs.toFixed(2)} ms  p50 ${result.baseline.p50Ms.toFixed(2)}  p95 ${result.baseline.p95Ms.toFixed(2)}`,
    );
    console.log(
      `  Weir flow            mean ${result.weir.meanMs.toFixed(2)} ms  p50 ${result.weir.p50Ms.toFixed(2)}  p95 ${result.weir.p95Ms.toFixed(2)}`,
    );
    console.log(`  ratio ${result.ratio.toFixed(3)}x (target: within 1.2x)`);
    return result;
  } finally {
    await baseline.stop();
    await weir.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
