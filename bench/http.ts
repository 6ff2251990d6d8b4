// Over HTTP: the reference flow through a real `wrangler dev` running Weir, with the run log on
// (RUN_LOG=all: every run recorded in D1 after the answer) and off, against a plain Hono route
// making the same two SDK calls in another `wrangler dev`, all calling the same zero-latency fake
// OpenAI server. Latency: sequential requests, alternating targets so all see the same load.
// Throughput: 16 requests in flight against each target in turn, twice, best round kept.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../scripts/lib/dev-server';
import { startWeir, type Weir } from '../test/e2e/harness';
import { startFakeOpenAI } from '../test/helpers/fake-openai';
import { referenceFlow } from './in-process';

const IN_FLIGHT = 16;

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

/** Requests per second with `IN_FLIGHT` requests always outstanding. */
async function throughput(req: () => Promise<number>, total: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next++ < total) await req();
    }),
  );
  return total / ((performance.now() - start) / 1000);
}

/** Served as in production: a published version behind the production label (warm: no KV read). */
async function publishReference(weir: Weir): Promise<void> {
  const admin = { authorization: `Bearer ${weir.adminToken}`, 'content-type': 'application/json' };
  const put = await fetch(`${weir.url}/v1/flows/${referenceFlow.id}`, {
    method: 'PUT',
    headers: admin,
    body: JSON.stringify(referenceFlow),
  });
  if (!put.ok) throw new Error(`storing the reference flow failed: ${put.status} ${await put.text()}`);
  const published = await fetch(`${weir.url}/v1/flows/${referenceFlow.id}/versions`, { method: 'POST', headers: admin, body: '{}' });
  const { version } = (await published.json()) as { version: number };
  await fetch(`${weir.url}/v1/flows/${referenceFlow.id}/labels/production`, {
    method: 'PUT',
    headers: admin,
    body: JSON.stringify({ version }),
  });
}

export async function benchHttp(requests = 300) {
  const fake = await startFakeOpenAI();
  const vars = { OPENAI_API_KEY: 'bench-key', OPENAI_BASE_URL: fake.url, RATE_LIMITS: 'off' }; // throughput, not the limiter
  const logOn = await startWeir({ ...vars, RUN_LOG: 'all' });
  const logOff = await startWeir({ ...vars, RUN_LOG: 'off' });
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
    await Promise.all([publishReference(logOn), publishReference(logOff)]);
    const body = JSON.stringify({ input: { question: 'How do I fix error E5 on the X1000?' } });
    const weirReq = (weir: Weir) => () =>
      timed(`${weir.url}/v1/flows/${referenceFlow.id}/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${weir.invokeKey}`, 'content-type': 'application/json' },
        body,
      });
    const targets = {
      baseline: () => timed(`${baseline.url}/v1/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
      logOff: weirReq(logOff),
      logOn: weirReq(logOn),
    };
    const names = Object.keys(targets) as (keyof typeof targets)[];
    for (let i = 0; i < 30; i++) await Promise.all(names.map((n) => targets[n]())); // warm every isolate

    const ms: Record<keyof typeof targets, number[]> = { baseline: [], logOff: [], logOn: [] };
    for (let i = 0; i < requests; i++)
      // Rotate which goes first, so none always runs on a just-warmed machine.
      for (let k = 0; k < names.length; k++) {
        const n = names[(i + k) % names.length];
        ms[n].push(await targets[n]());
      }
    const rps: Record<keyof typeof targets, number> = { baseline: 0, logOff: 0, logOn: 0 };
    const total = Math.max(160, requests);
    for (let round = 0; round < 2; round++)
      for (const n of round ? [...names].reverse() : names) rps[n] = Math.max(rps[n], await throughput(targets[n], total));

    const s = { baseline: stats(ms.baseline), logOff: stats(ms.logOff), logOn: stats(ms.logOn) };
    const result = {
      requests,
      inFlight: IN_FLIGHT,
      baseline: { ...s.baseline, rps: rps.baseline },
      weirLogOff: {
        ...s.logOff,
        rps: rps.logOff,
        addedP50Ms: s.logOff.p50Ms - s.baseline.p50Ms,
        throughputRatio: rps.logOff / rps.baseline,
      },
      weirLogOn: { ...s.logOn, rps: rps.logOn, addedP50Ms: s.logOn.p50Ms - s.baseline.p50Ms, throughputRatio: rps.logOn / rps.baseline },
      // Kept for comparison with earlier results: Weir (log on) mean over the plain route's.
      ratio: s.logOn.meanMs / s.baseline.meanMs,
    };
    const line = (label: string, r: { meanMs: number; p50Ms: number; p95Ms: number; rps: number }, extra = '') =>
      console.log(
        `  ${label.padEnd(20)} mean ${r.meanMs.toFixed(2)} ms  p50 ${r.p50Ms.toFixed(2)}  p95 ${r.p95Ms.toFixed(2)}  ${r.rps.toFixed(0)} req/s at ${IN_FLIGHT} in flight${extra}`,
      );
    console.log(`Over HTTP (wrangler dev, ${requests} sequential requests each, zero-latency fake model):`);
    line('plain Hono route', result.baseline);
    for (const [label, r] of [
      ['Weir, run log off', result.weirLogOff],
      ['Weir, run log on', result.weirLogOn],
    ] as const)
      line(label, r, `  (+${r.addedP50Ms.toFixed(2)} ms p50, ${(r.throughputRatio * 100).toFixed(0)}% of the plain route's throughput)`);
    console.log(`  goal with logging on: at most +0.3 ms p50 and at least 95% of the plain route's throughput`);
    return result;
  } finally {
    await baseline.stop();
    await logOn.stop();
    await logOff.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
