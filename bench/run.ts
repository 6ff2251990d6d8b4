// npm run bench: every benchmark, printed as ratios against a baseline measured in the same run,
// and written to bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchInProcess } from './in-process';
import { benchLimits } from './limits';
import { benchHttp } from './http';
import { benchSize } from './size';

const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
results.inProcess = await benchInProcess(Number(process.env.BENCH_ITERATIONS ?? 20_000));
results.limits = await benchLimits();
results.http = await benchHttp(Number(process.env.BENCH_REQUESTS ?? 300));
results.size = benchSize();
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote ${join('bench', 'results', 'latest.json')}`);
