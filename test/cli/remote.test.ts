// push, pull, publish, label and versions as child processes against an in-test fake of the
// documented management API (the lead's end-to-end suite covers the real worker).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWeir, type FakeWeir } from './fake-weir';
import { readJsonFile, weir, workspace, writeJsonFile } from './helpers';

let fake: FakeWeir;
beforeEach(async () => {
  fake = await startFakeWeir();
});
afterEach(() => fake.close());

const remote = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  weir(args, { cwd, env: { WEIR_URL: fake.url, WEIR_ADMIN_TOKEN: fake.token, ...env } });

describe('weir push', () => {
  it('sends every flow and prompt to an empty worker, then finds nothing to change', async () => {
    const cwd = workspace();
    const first = await remote(['push'], cwd);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('prompt email-announcement: added version 2');
    expect(first.stdout).toContain('prompt email-announcement: label production -> 2');
    expect(first.stdout).toContain('flow support-x1000: pushed (new)');
    expect([...fake.flows.keys()].sort()).toEqual(['email-announcement', 'fallback-demo', 'health-explainer', 'support-x1000']);
    expect(fake.flows.get('health-explainer')).toBe(readFileSync(join(cwd, 'flows', 'health-explainer.json'), 'utf8'));
    expect(fake.prompts.get('email-announcement')!.labels).toEqual(
      readJsonFile(join(cwd, 'flows', 'prompts', 'email-announcement.json')).labels,
    );
    fake.requests.length = 0;
    const second = await remote(['push'], cwd);
    expect(second.code).toBe(0);
    expect(fake.writes()).toEqual([]);
    expect(second.stdout).toContain('flow support-x1000: unchanged');
    expect(second.stdout).toContain('prompt support-classify: unchanged');
  });

  it('adds only the versions the worker lacks and moves labels to match the file', async () => {
    const cwd = workspace();
    await remote(['push', 'health-general'], cwd);
    const path = join(cwd, 'flows', 'prompts', 'health-general.json');
    const prompt = readJsonFile(path);
    prompt.versions.push({
      version: 2,
      template: { text: 'Briefly: {{input.question}}' },
      note: 'Shorter.',
      createdAt: '2026-12-01T00:00:00.000Z',
    });
    prompt.labels = { production: 2, staging: 1 };
    writeJsonFile(path, prompt);
    fake.requests.length = 0;
    const r = await remote(['push', 'health-general'], cwd);
    expect(r.code).toBe(0);
    expect(fake.writes()).toEqual([
      'POST /v1/prompts/health-general/versions',
      'PUT /v1/prompts/health-general/labels/production',
      'PUT /v1/prompts/health-general/labels/staging',
    ]);
    expect(fake.requests.find((q) => q.method === 'POST')!.body).toEqual({
      template: { text: 'Briefly: {{input.question}}' },
      note: 'Shorter.',
      createdAt: '2026-12-01T00:00:00.000Z',
      description: prompt.description,
    });
    expect(r.stdout).toContain('prompt health-general: label production -> 2 (was 1)');
  });

  it('reports a conflict and writes nothing when a version number exists with other content', async () => {
    const cwd = workspace();
    await remote(['push', 'health-general'], cwd);
    const path = join(cwd, 'flows', 'prompts', 'health-general.json');
    const prompt = readJsonFile(path);
    prompt.versions[0].template.text = 'Rewritten: {{input.question}}';
    writeJsonFile(path, prompt);
    fake.requests.length = 0;
    const r = await remote(['push', 'health-general'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'prompt health-general: conflict: version 1 differs between the file and the worker (versions are immutable: add a new version instead)',
    );
    expect(fake.writes()).toEqual([]);
  });

  it('refuses to push a flow with errors, naming the path and node, unless --draft', async () => {
    const cwd = workspace();
    const path = join(cwd, 'flows', 'health-explainer.json');
    const flow = readJsonFile(path);
    flow.edges.push({ source: 'question', target: 'ghost' });
    writeJsonFile(path, flow);
    const r = await remote(['push', 'health-explainer'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('flows/health-explainer.json: $.edges[6].target: edge target "ghost" is not a node [edge_unknown_node]');
    expect(fake.writes()).toEqual([]);
    const draft = await remote(['push', 'health-explainer', '--draft'], cwd);
    expect(draft.code).toBe(0);
    expect(fake.writes()).toEqual(['PUT /v1/flows/health-explainer?draft=1']);
  });

  it('exits 1 with a clear message when the token is refused or the worker is down', async () => {
    const cwd = workspace();
    const refused = await remote(['push'], cwd, { WEIR_ADMIN_TOKEN: 'wrong' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^weir: GET \/v1\/prompts\/email-announcement: 401 unauthorized: The bearer token is not valid. \(the token was refused; pass --token or set WEIR_ADMIN_TOKEN\)\n$/,
    );
    const gone = await startFakeWeir();
    await gone.close();
    const down = await weir(['push', '--url', gone.url], { cwd });
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(
      `weir: cannot reach the Weir worker at ${gone.url} (ECONNREFUSED); is it running? (npx wrangler dev, or set --url / WEIR_URL)\n`,
    );
  });

  it('uses ADMIN_TOKEN from .dev.vars for a local worker when no token is given', async () => {
    const cwd = workspace();
    writeFileSync(join(cwd, '.dev.vars'), `OPENAI_API_KEY=\nADMIN_TOKEN="${fake.token}"\n`);
    const r = await weir(['push', 'support-classify', '--url', fake.url], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('weir pull', () => {
  it('writes canonical files for every flow and prompt the worker has', async () => {
    const source = workspace();
    await remote(['push'], source);
    const cwd = mkdtempSync(join(tmpdir(), 'weir-pull-'));
    mkdirSync(join(cwd, 'flows'));
    const r = await remote(['pull'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('flows/prompts/x1000-answer.json: created');
    for (const f of ['email-announcement.json', 'health-explainer.json', 'support-x1000.json']) {
      expect(readFileSync(join(cwd, 'flows', f), 'utf8')).toBe(readFileSync(join(source, 'flows', f), 'utf8'));
    }
    for (const f of readdirSync(join(source, 'flows', 'prompts'))) {
      // Push sends each version's date, so the round trip is byte for byte.
      expect(readFileSync(join(cwd, 'flows', 'prompts', f), 'utf8')).toBe(readFileSync(join(source, 'flows', 'prompts', f), 'utf8'));
    }
    expect((await weir(['fmt', '--check'], { cwd })).code).toBe(0);
    expect((await weir(['validate'], { cwd })).code).toBe(0);
  });

  it('pulls one named flow, and exits 1 for a name the worker does not have', async () => {
    const cwd = workspace();
    await remote(['push', 'support-x1000'], cwd);
    const path = join(cwd, 'flows', 'support-x1000.json');
    writeFileSync(path, '{}');
    const r = await remote(['pull', 'support-x1000'], cwd);
    expect(r.stdout).toBe('flows/support-x1000.json: updated\n');
    expect(readFileSync(path, 'utf8')).toBe(fake.flows.get('support-x1000'));
    const missing = await remote(['pull', 'ghost'], cwd);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`weir: the worker at ${fake.url} has no flow or prompt named "ghost"\n`);
  });
});

describe('weir publish, label and versions', () => {
  it('publishes the draft as version 1 with a note and a label, and lists it', async () => {
    const cwd = workspace();
    await remote(['push', 'health-explainer'], cwd);
    const r = await remote(['publish', 'health-explainer', '--label', 'production', '--note', 'first release'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^flow health-explainer: published version 1 \([0-9a-f]{12}\)\nflow health-explainer: label production -> 1\n$/,
    );
    expect(fake.requests.find((q) => q.method === 'POST')!.body).toEqual({ note: 'first release' });
    const list = await remote(['versions', 'health-explainer'], cwd);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^VERSION +HASH +CREATED +LABELS +NOTE$/);
    expect(lines[1]).toMatch(/^1 +[0-9a-f]{12} +\d{4}-\d\d-\d\d \d\d:\d\d +production +first release$/);
  });

  it('says so when the draft is unchanged, and --push sends the local file first', async () => {
    const cwd = workspace();
    await remote(['push', 'health-explainer'], cwd);
    await remote(['publish', 'health-explainer'], cwd);
    const again = await remote(['publish', 'health-explainer'], cwd);
    expect(again.stdout).toMatch(/^flow health-explainer: unchanged, already version 1/);
    const path = join(cwd, 'flows', 'health-explainer.json');
    writeJsonFile(path, { ...readJsonFile(path), name: 'Health explainer v2' });
    const stale = await remote(['publish', 'flows/health-explainer.json'], cwd);
    expect(stale.stderr).toContain("note: the worker's draft of health-explainer differs from flows/health-explainer.json");
    expect(stale.stdout).toMatch(/already version 1/);
    const pushed = await remote(['publish', 'flows/health-explainer.json', '--push'], cwd);
    expect(pushed.stdout).toMatch(/published version 2/);
    expect(fake.flowVersions.get('health-explainer')!.versions[1].flow).toMatchObject({ name: 'Health explainer v2' });
  });

  it('moves and deletes labels, and rejects a missing version number with exit 2', async () => {
    const cwd = workspace();
    await remote(['push', 'health-explainer'], cwd);
    await remote(['publish', 'health-explainer'], cwd);
    const set = await remote(['label', 'health-explainer', 'staging', '1'], cwd);
    expect(set.stdout).toBe('flow health-explainer: label staging -> 1\nlabels: staging -> 1\n');
    const del = await remote(['label', 'health-explainer', 'staging', '--delete'], cwd);
    expect(del.stdout).toBe('flow health-explainer: label staging deleted\n');
    expect(fake.flowVersions.get('health-explainer')!.labels).toEqual({});
    const usage = await remote(['label', 'health-explainer', 'staging'], cwd);
    expect(usage.code).toBe(2);
    const missing = await remote(['label', 'health-explainer', 'staging', '9'], cwd);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'weir: PUT /v1/flows/health-explainer/labels/staging: 404 not_found: flow "health-explainer" has no version 9\n',
    );
  });
});
