// `weir eval run --remote` against a stand-in worker: what it sends (the file with its name, the
// options), every problem of a refused eval printed and a failing exit, a run that fails in the
// worker reported with its reason, and local-only flags refused.
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalWorkspace } from './eval-helpers';
import { weir, type LooseJson } from './helpers';

let server: Server;
let url = '';
const posted: LooseJson[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'POST' && req.url === '/v1/eval-runs') {
        const body = JSON.parse(text) as LooseJson;
        posted.push(body);
        if (body.eval === 'refused')
          return send(422, {
            error: {
              code: 'invalid_eval',
              message: 'Eval "refused" cannot run; nothing ran.',
              issues: [
                { path: '$.dataset.name', code: 'unknown_dataset', message: 'no dataset named "gone"', severity: 'error' },
                { path: '$.variants[0].flow', code: 'version_not_found', message: 'flow "x" has no version "9"', severity: 'error' },
              ],
            },
          });
        const run = {
          id: 'run-1',
          eval: 'e',
          flow: 'f',
          dataset: { name: 'd', hash: 'sha256:0123456789abcdef' },
          status: 'queued',
          done: 0,
          total: 2,
          source: 'api',
          createdAt: '2026-12-01T00:00:00Z',
        };
        return send(202, { run });
      }
      if (req.url === '/v1/eval-runs/run-1/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: progress\ndata: {"done":0,"total":2,"status":"running"}\n\n');
        res.write('event: cell\ndata: {"itemId":"a","variant":"v","repeat":0,"pass":false}\n\n');
        res.write('event: progress\ndata: {"done":1,"total":2,"status":"failed"}\n\n');
        return res.end('event: end\ndata: {"status":"failed","error":"D1 is down"}\n\n');
      }
      send(404, { error: { code: 'not_found', message: 'no' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('weir eval run --remote', () => {
  const cwd = evalWorkspace();
  const env = { WEIR_ADMIN_TOKEN: 'token' };

  it('sends the file with its name and the options, follows the progress and reports a run that failed in the worker', async () => {
    const r = await weir(
      ['eval', 'run', join('evals', 'support-x1000.eval.json'), '--remote', '--url', url, '--repeats', '2', '--limit', '5'],
      { cwd, env },
    );
    expect(r.code).toBe(1);
    expect(posted.at(-1)).toMatchObject({ eval: { name: 'support-x1000', flow: 'support-x1000' }, repeats: 2, limit: 5 });
    expect(r.stderr).toContain(`running e in ${url}: 2 run(s) on d@0123456789ab (eval run run-1)`);
    expect(r.stderr).toContain('1/2 runs (failed)');
    expect(r.stderr).toContain('eval run run-1 failed: D1 is down');
    expect(r.stdout).toBe('');
  });

  it('prints every problem of a refused eval and exits non-zero, and refuses local-only flags', async () => {
    const r = await weir(['eval', 'run', 'refused', '--remote', '--url', url], { cwd, env });
    expect(r.code).not.toBe(0);
    expect(posted.at(-1)).toMatchObject({ eval: 'refused' });
    expect(r.stderr).toContain('$.dataset.name: no dataset named "gone" [unknown_dataset]');
    expect(r.stderr).toContain('$.variants[0].flow: flow "x" has no version "9" [version_not_found]');
    const local = await weir(['eval', 'run', 'support-x1000', '--remote', '--url', url, '--variant', 'finetuned'], { cwd, env });
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('--variant and --today only work for local runs');
  });
});
