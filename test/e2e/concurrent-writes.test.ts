// Issue 8 §2 over a real `wrangler dev` (local D1 and KV, real HTTP): fifty concurrent writes of
// each kind lose nothing, and a deleted flow runs nowhere. Same scenarios as the workerd suite.
// Then issue 8 §4: public follows the flow's current setting, and `weir retire` stops a version.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weir, workspace } from '../cli/helpers';
import { scenarios, type Api } from '../helpers/concurrent-writes';
import { startWeir, type Weir } from './harness';

let server: Weir;
beforeAll(async () => {
  server = await startWeir();
});
afterAll(async () => {
  await server?.stop();
});

const api: Api = async (method, path, opts = {}) => {
  const token = opts.token === 'none' ? undefined : opts.token === 'invoke' ? server.invokeKey : server.adminToken;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.url + path, { method, headers, body: opts.json === undefined ? undefined : JSON.stringify(opts.json) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
};

describe('fifty concurrent writes of each kind, over wrangler dev', () => {
  for (const [kind, scenario] of scenarios)
    it(`loses none of 50 concurrent ${kind}`, async () => {
      const outcome = await scenario(api, `e2e-${kind.replace(/ /g, '-')}`);
      console.log(
        `concurrent writes that lost data (wrangler dev), ${kind}: ${outcome.lost} of ${outcome.attempts} (${outcome.acknowledged} acknowledged)`,
      );
      expect(outcome.problems).toEqual([]);
      expect(outcome.lost).toBe(0);
      expect(outcome.acknowledged).toBeGreaterThan(0);
    });
});

describe('who may run which version, over wrangler dev', () => {
  it('follows the current public setting and stops a retired version with weir retire', async () => {
    const id = 'e2e-retire';
    const flow = (text: string, isPublic: boolean) => ({
      version: 1,
      id,
      name: id,
      public: isPublic,
      input: { fields: { question: { type: 'string', required: true } } },
      nodes: [
        { id: 'q', type: 'input', position: { x: 0, y: 0 }, data: {} },
        { id: 'a', type: 'prompt', position: { x: 200, y: 0 }, data: { model: 'm', prompt: { text: `${text} {{input.question}}` } } },
        { id: 'o', type: 'output', position: { x: 400, y: 0 }, data: {} },
      ],
      edges: [
        { source: 'q', target: 'a' },
        { source: 'a', target: 'o' },
      ],
    });
    const run = (target: string, token: 'invoke' | 'none') =>
      api('POST', `/v1/flows/${target}/run`, { json: { input: { question: 'q' } }, token });
    for (const text of ['one', 'two']) {
      expect((await api('PUT', `/v1/flows/${id}`, { json: flow(text, true) })).status).toBe(200);
      expect((await api('POST', `/v1/flows/${id}/versions`)).status).toBe(201);
    }
    const cwd = workspace();
    try {
      const cli = (...args: string[]) => weir([...args, '--url', server.url, '--token', server.adminToken], { cwd });
      const retired = await cli('retire', id, '1');
      expect(retired.stdout).toBe(`flow ${id}: version 1 retired\n`);
      expect((await run(`${id}@1`, 'none')).status).toBe(410);
      expect((await cli('versions', id)).stdout).toMatch(/^1 .*\(retired\)/m);
      expect((await run(`${id}@2`, 'none')).status).toBe(200);
      expect((await api('PUT', `/v1/flows/${id}`, { json: flow('three', false) })).status).toBe(200);
      expect((await run(`${id}@2`, 'none')).status).toBe(401);
      expect((await run(id, 'none')).status).toBe(401);
      expect((await run(id, 'invoke')).status).toBe(200);
      expect((await cli('retire', id, '1', '--restore')).stdout).toBe(`flow ${id}: version 1 restored\n`);
      expect((await run(`${id}@1`, 'invoke')).status).toBe(200);
      expect((await cli('retire', id, 'x')).code).toBe(2);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
