// Releases end to end: the weir CLI pushes the examples to a real `wrangler dev`, publishes
// versions and moves the production label; the edge URL changes its answer without a deploy,
// rolls back, and every answer says which flow and prompt versions produced it.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonFile, weir as cli, workspace, writeJsonFile } from '../cli/helpers';
import { startWeir, type Weir } from './harness';

let server: Weir;
let dir: string;

beforeAll(async () => {
  server = await startWeir();
  dir = workspace();
});
afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const weir = async (...args: string[]) => {
  const res = await cli([...args, '--url', server.url, '--token', server.adminToken], { cwd: dir });
  expect(res.code, `weir ${args.join(' ')}\n${res.stdout}\n${res.stderr}`).toBe(0);
  return res.stdout;
};

const emailInput = { audience: 'Existing customers', tone: 'friendly', cta: 'Try the calculator' };

/** The public email flow through its edge URL, no key, as a client would call it. */
async function email(target = 'email-announcement', token?: string) {
  const res = await fetch(`${server.url}/v1/flows/${target}/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ input: emailInput }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { output: string; flow: { version: number | string; hash: string } };
  return { ...body, version: res.headers.get('weir-flow-version'), promptVersions: res.headers.get('weir-prompt-versions') };
}

describe('releasing a flow with the CLI against wrangler dev', () => {
  it('pushes the examples, publishes, moves production forward and rolls it back', async () => {
    expect(await weir('push')).toMatch(/flow email-announcement: (unchanged|pushed)/);
    const draft = await email();
    expect(draft.version).toBe('draft');

    expect(await weir('publish', 'email-announcement', '--label', 'production', '--note', 'engineered prompt')).toMatch(
      /published version 1 .*\n.*label production -> 1/,
    );
    const v1 = await email();
    expect(v1).toMatchObject({ version: '1', promptVersions: 'email-announcement@2', output: draft.output });

    // Version 2 of the flow uses the vague baseline prompt; publishing it changes nothing live yet.
    const file = join(dir, 'flows', 'email-announcement.json');
    const flow = readJsonFile(file);
    flow.nodes.find((n: { id: string }) => n.id === 'draft').data.prompt.ref = 'email-announcement@baseline';
    writeJsonFile(file, flow);
    expect(await weir('publish', 'email-announcement', '--push')).toMatch(/published version 2/);
    expect((await email()).version).toBe('1');
    expect((await email('email-announcement@2')).promptVersions).toBe('email-announcement@1');

    await weir('label', 'email-announcement', 'production', '2');
    const v2 = await email();
    expect(v2).toMatchObject({ version: '2', promptVersions: 'email-announcement@1' });
    expect(v2.output).not.toBe(v1.output);
    expect(v2.flow.hash).not.toBe(v1.flow.hash);

    await weir('label', 'email-announcement', 'production', '1');
    const rolledBack = await email();
    expect(rolledBack).toMatchObject({ version: '1', promptVersions: 'email-announcement@2', output: v1.output });

    const versions = JSON.parse(await weir('versions', 'email-announcement', '--json')) as {
      versions: { version: number; note?: string }[];
      labels: object;
    };
    expect(versions.versions.map((v) => [v.version, v.note])).toEqual([
      [1, 'engineered prompt'],
      [2, undefined],
    ]);
    expect(versions.labels).toEqual({ production: 1 });
  });

  it('pins versions and labels in the URL and runs the draft only with the admin token', async () => {
    await weir('label', 'email-announcement', 'staging', '2');
    expect((await email('email-announcement@staging')).version).toBe('2');
    expect((await email('email-announcement@1')).version).toBe('1');
    expect((await email('email-announcement@draft', server.adminToken)).version).toBe('draft');
    const denied = await fetch(`${server.url}/v1/flows/email-announcement@draft/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.invokeKey}` },
      body: JSON.stringify({ input: emailInput }),
    });
    expect(denied.status).toBe(403);
  });

  it('diffs the two published versions over HTTP', async () => {
    const res = await fetch(`${server.url}/v1/flows/email-announcement/diff?from=production&to=staging`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(res.status).toBe(200);
    const diff = (await res.json()) as { same: boolean; prompts: { added: string[]; removed: string[] } };
    expect(diff.same).toBe(false);
    expect(diff.prompts).toEqual({ added: ['email-announcement@baseline'], removed: ['email-announcement@production'] });
  });
});
