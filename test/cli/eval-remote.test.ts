// Variants pinned to published flow versions (@2, @production) are read from a worker's
// documented versions API; without --url the eval says so and runs nothing.
import { createServer, type Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalWorkspace } from './eval-helpers';
import { weir, type LooseJson } from './helpers';

let server: Server;
let url = '';
const seen: string[] = [];

beforeAll(async () => {
  const flow = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'flows', 'email-announcement.json'), 'utf8'));
  // Version 2 of the flow, as published: the draft node still on the vague prompt.
  flow.nodes.find((n: LooseJson) => n.id === 'draft').data.prompt = { ref: 'email-announcement@baseline' };
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/v1/flows/email-announcement/versions')
      return send(200, { versions: [{ version: 1 }, { version: 2 }], labels: { production: 2 }, latest: 2 });
    if (req.url === '/v1/flows/email-announcement/versions/2') return send(200, { version: 2, hash: 'h', flow });
    send(404, { error: { code: 'not_found', message: 'no such version' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('weir eval run with published versions', () => {
  const cwd = evalWorkspace();
  const path = join(cwd, 'evals', 'pinned.eval.json');
  writeFileSync(
    path,
    JSON.stringify({
      version: 1,
      flow: 'email-announcement',
      dataset: { name: 'email-announcement' },
      variants: [{ name: 'released', flow: '@production' }, { name: 'draft' }, { name: 'old', flow: '@7' }],
      assert: [{ type: 'icontains', value: 'Personal Loan Calculator' }],
    }),
  );

  it('says a worker is needed when no --url is given, and runs nothing', async () => {
    const r = await weir(['eval', 'run', path], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'warning $.variants[0].flow: email-announcement@production is a published version: pass --url to read it from a worker [needs_worker]',
    );
    expect(r.stderr).toContain('nothing ran');
  });

  it('reads the label and the version from the worker, and reports a version it does not have', async () => {
    const missing = await weir(['eval', 'run', path, '--url', url, '--token', 't0k'], { cwd });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /\$\.variants\[2\]\.flow: GET \/v1\/flows\/email-announcement\/versions\/7: 404 not_found: no such version/,
    );
    const r = await weir(
      ['eval', 'run', path, '--url', url, '--token', 't0k', '--variant', 'released', 'draft', '--format', 'json', '--no-results'],
      { cwd },
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.variants.map((v: LooseJson) => [v.name, v.ref, v.passed])).toEqual([
      ['released', 'email-announcement@production', 0],
      ['draft', 'email-announcement@draft', 6],
    ]);
    expect(seen).toContain('GET /v1/flows/email-announcement/versions/2 Bearer t0k');
  });
});
