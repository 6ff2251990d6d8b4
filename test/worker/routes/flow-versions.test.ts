import { describe, expect, it } from 'vitest';
import { isolateFlowCache } from '../../../worker/store';
import { ADMIN, INVOKE, admin, call, errorOf, putFlow, simpleFlow } from './helpers';

const run = (target: string, init: Parameters<typeof call>[1] = {}) =>
  call(`/v1/flows/${target}/run`, { method: 'POST', token: INVOKE, json: { input: { question: 'q' } }, ...init });
const publish = (id: string, note?: string) => admin(`/v1/flows/${id}/versions`, { method: 'POST', json: note ? { note } : {} });
const label = (id: string, name: string, version: number) => admin(`/v1/flows/${id}/labels/${name}`, { method: 'PUT', json: { version } });
/** A flow whose answer says which text it was published with. */
const saying = (id: string, text: string, extra: Record<string, unknown> = {}) =>
  simpleFlow(id, extra, { prompt: { text: `${text} {{input.question}}` } });
const outputOf = async (res: Response) => ((await res.json()) as { output: string }).output;

describe('publishing flow versions', () => {
  it('publishes the draft as version 1, 2 ... with the SHA-256 of the canonical text', async () => {
    await putFlow(saying('fv-pub', 'one'));
    const first = await publish('fv-pub', 'first cut');
    expect(first.status).toBe(201);
    const v1 = (await first.json()) as { version: number; hash: string; createdAt: string };
    expect(v1.version).toBe(1);
    expect(v1.hash).toMatch(/^[0-9a-f]{64}$/);
    await putFlow(saying('fv-pub', 'two'));
    const v2 = (await (await publish('fv-pub')).json()) as { version: number; hash: string };
    expect(v2.version).toBe(2);
    expect(v2.hash).not.toBe(v1.hash);
    const list = (await (await admin('/v1/flows/fv-pub/versions')).json()) as {
      versions: { version: number; note?: string }[];
      labels: object;
    };
    expect(list.versions.map((v) => [v.version, v.note])).toEqual([
      [1, 'first cut'],
      [2, undefined],
    ]);
    expect(list.labels).toEqual({});
  });

  it('returns the latest version with 200 when the draft has not changed since', async () => {
    await putFlow(saying('fv-same', 'same'));
    const a = (await (await publish('fv-same')).json()) as { version: number; hash: string };
    const again = await publish('fv-same');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ version: a.version, hash: a.hash });
  });

  it('refuses to publish a draft with problems, listing them with 422', async () => {
    await admin('/v1/flows/fv-bad?draft=1', { method: 'PUT', json: simpleFlow('fv-bad', { edges: [] }) });
    const res = await publish('fv-bad');
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_flow');
    expect(error.issues?.length).toBeGreaterThan(0);
  });

  it('answers 404 for publishing or listing a flow that does not exist, and 400 for a bad body', async () => {
    expect((await publish('fv-none')).status).toBe(404);
    expect((await admin('/v1/flows/fv-none/versions')).status).toBe(404);
    await putFlow(saying('fv-body', 'x'));
    expect((await admin('/v1/flows/fv-body/versions', { method: 'POST', json: { nope: 1 } })).status).toBe(400);
    expect((await admin('/v1/flows/fv-body/versions', { method: 'POST', body: '{' })).status).toBe(400);
    expect(await (await admin('/v1/flows/fv-body/versions')).json()).toEqual({ versions: [], labels: {}, latest: 0 });
  });

  it('reads one version with its flow, and 404s a version that does not exist', async () => {
    await putFlow(saying('fv-get', 'hello'));
    await publish('fv-get');
    const res = await admin('/v1/flows/fv-get/versions/1');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: number; flow: { id: string }; hash: string };
    expect(body).toMatchObject({ version: 1, flow: { id: 'fv-get' } });
    expect((await admin('/v1/flows/fv-get/versions/9')).status).toBe(404);
    expect((await admin('/v1/flows/fv-get/versions/one')).status).toBe(400);
  });

  it('needs the admin token for every management endpoint', async () => {
    await putFlow(saying('fv-auth', 'x'));
    const paths: [string, string, unknown?][] = [
      ['POST', '/v1/flows/fv-auth/versions', {}],
      ['GET', '/v1/flows/fv-auth/versions'],
      ['GET', '/v1/flows/fv-auth/versions/1'],
      ['PUT', '/v1/flows/fv-auth/labels/production', { version: 1 }],
      ['DELETE', '/v1/flows/fv-auth/labels/production'],
      ['GET', '/v1/flows/fv-auth/diff?from=draft&to=draft'],
    ];
    for (const [method, path, json] of paths) {
      expect((await call(path, { method, json })).status, `${method} ${path}`).toBe(401);
      const asInvoker = await call(path, { method, json, token: INVOKE });
      expect(asInvoker.status, `${method} ${path}`).toBe(403);
      expect((await errorOf(asInvoker)).code).toBe('forbidden');
    }
  });
});

describe('labels and which version runs', () => {
  it('runs the draft until something is published, then the latest version, then production', async () => {
    await putFlow(saying('fv-order', 'one'));
    let res = await run('fv-order');
    expect(res.headers.get('weir-flow-version')).toBe('draft');
    expect(await outputOf(res)).toContain('one');
    await publish('fv-order');
    await putFlow(saying('fv-order', 'two'));
    isolateFlowCache.clear(); // the "nothing published" answer is cached for a few seconds
    res = await run('fv-order');
    expect(res.headers.get('weir-flow-version')).toBe('1');
    expect(await outputOf(res)).toContain('one');
    await publish('fv-order');
    res = await run('fv-order');
    expect(res.headers.get('weir-flow-version')).toBe('2');
    expect(await outputOf(res)).toContain('two');
    expect((await label('fv-order', 'production', 1)).status).toBe(200);
    res = await run('fv-order');
    expect(res.headers.get('weir-flow-version')).toBe('1');
    expect(await outputOf(res)).toContain('one');
  });

  it('moves production forward and back without a deploy (release and rollback)', async () => {
    await putFlow(saying('fv-roll', 'old'));
    await publish('fv-roll');
    await putFlow(saying('fv-roll', 'new'));
    await publish('fv-roll');
    expect(await (await label('fv-roll', 'production', 2)).json()).toEqual({ labels: { production: 2 } });
    expect(await outputOf(await run('fv-roll'))).toContain('new');
    await label('fv-roll', 'production', 1);
    expect(await outputOf(await run('fv-roll'))).toContain('old');
    const del = await admin('/v1/flows/fv-roll/labels/production', { method: 'DELETE' });
    expect(await del.json()).toEqual({ labels: {} });
    expect((await run('fv-roll')).headers.get('weir-flow-version')).toBe('2');
  });

  it('pins a version with @3 and a label with @staging, and runs the draft with @draft for the admin only', async () => {
    for (const text of ['v-one', 'v-two', 'v-three']) {
      await putFlow(saying('fv-pin', text));
      await publish('fv-pin');
    }
    await putFlow(saying('fv-pin', 'the-draft'));
    await label('fv-pin', 'staging', 2);
    await label('fv-pin', 'production', 1);
    expect(await outputOf(await run('fv-pin@3'))).toContain('v-three');
    const staging = await run('fv-pin@staging');
    expect(staging.headers.get('weir-flow-version')).toBe('2');
    expect(await outputOf(staging)).toContain('v-two');
    expect(await outputOf(await run('fv-pin@latest'))).toContain('v-three');
    expect(await outputOf(await run('fv-pin'))).toContain('v-one');
    expect(await outputOf(await run('fv-pin@draft', { token: ADMIN }))).toContain('the-draft');
    expect((await run('fv-pin@draft')).status).toBe(403);
    expect((await run('fv-pin@draft', { token: undefined })).status).toBe(401);
    expect((await run('fv-pin@7')).status).toBe(404);
    expect((await run('fv-pin@nolabel')).status).toBe(404);
    expect((await run('fv-pin@Bad!')).status).toBe(400);
  });

  it('reports the flow version and prompt versions in headers, body and SSE events', async () => {
    await admin('/v1/prompts/fv-greeting/versions', { method: 'POST', json: { template: { text: 'Hello {{input.question}}' } } });
    await putFlow(simpleFlow('fv-report', {}, { prompt: { ref: 'fv-greeting@latest' } }));
    const { hash } = (await (await publish('fv-report')).json()) as { hash: string };
    const res = await run('fv-report');
    expect(res.headers.get('weir-flow-version')).toBe('1');
    expect(res.headers.get('weir-prompt-versions')).toBe('fv-greeting@1');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.flow).toMatchObject({ id: 'fv-report', version: 1, hash });
    expect(body.prompts).toEqual([{ ref: 'fv-greeting@latest', name: 'fv-greeting', version: 1 }]);
    const sse = await run('fv-report', { headers: { accept: 'text/event-stream' } });
    expect(sse.headers.get('weir-flow-version')).toBe('1');
    const events = (await sse.text()).split('\n\n').filter((b) => b.includes('data:'));
    const data = (name: string) =>
      JSON.parse(events.find((b) => b.includes(`event: ${name}`))!.split('data: ')[1]) as Record<string, unknown>;
    expect(data('run.start').flow).toMatchObject({ id: 'fv-report', version: 1, hash });
    expect(data('done')).toMatchObject({ flow: { version: 1 }, prompts: [{ name: 'fv-greeting', version: 1 }] });
  });

  it("decides public or private by the flow's current setting, whichever version runs", async () => {
    await putFlow(saying('fv-public', 'x', { public: true }));
    await publish('fv-public');
    expect((await run('fv-public@1', { token: undefined })).status).toBe(200);
    // Saved private: the old public version stops answering anonymously at once.
    await putFlow(saying('fv-public', 'y', { public: false }));
    expect((await run('fv-public@1', { token: undefined })).status).toBe(401);
    expect((await run('fv-public', { token: undefined })).status).toBe(401);
    expect((await run('fv-public@1')).status).toBe(200);
    await publish('fv-public');
    await label('fv-public', 'production', 1);
    expect((await run('fv-public@production', { token: undefined })).status).toBe(401);
    // Saved public again: every version answers anonymously, the private-at-publish one too.
    await putFlow(saying('fv-public', 'z', { public: true }));
    expect((await run('fv-public@2', { token: undefined })).status).toBe(200);
    expect((await run('fv-public', { token: undefined })).headers.get('weir-flow-version')).toBe('1');
    const v1 = (await (await admin('/v1/flows/fv-public/versions/1')).json()) as { public: boolean };
    expect(v1.public).toBe(true);
  });

  it('retires a version so it no longer runs by pin, refuses labels on it, and restores it', async () => {
    for (const text of ['r-one', 'r-two']) {
      await putFlow(saying('fv-retire', text));
      await publish('fv-retire');
    }
    const retire = (n: number | string, token = ADMIN) => call(`/v1/flows/fv-retire/versions/${n}/retire`, { method: 'POST', token });
    const retired = await retire(1);
    expect(retired.status).toBe(200);
    expect(await retired.json()).toMatchObject({ version: 1, retired: true });
    expect((await retire(1)).status).toBe(200); // idempotent
    const pinned = await run('fv-retire@1');
    expect(pinned.status).toBe(410);
    expect((await errorOf(pinned)).code).toBe('version_retired');
    expect((await run('fv-retire@1', { token: undefined })).status).toBe(401); // a private flow still reveals nothing
    expect((await run('fv-retire')).headers.get('weir-flow-version')).toBe('2');
    const listed = (await (await admin('/v1/flows/fv-retire/versions')).json()) as { versions: { version: number; retired?: boolean }[] };
    expect(listed.versions.map((v) => [v.version, v.retired ?? false])).toEqual([
      [1, true],
      [2, false],
    ]);
    const onRetired = await label('fv-retire', 'production', 1);
    expect(onRetired.status).toBe(409);
    expect((await errorOf(onRetired)).code).toBe('conflict');
    await label('fv-retire', 'staging', 2);
    const labelled = await retire(2);
    expect(labelled.status).toBe(409);
    expect((await errorOf(labelled)).message).toContain('"staging"');
    const restored = await admin('/v1/flows/fv-retire/versions/1/restore', { method: 'POST' });
    expect(await restored.json()).toMatchObject({ version: 1 });
    expect(await outputOf(await run('fv-retire@1'))).toContain('r-one');
    expect((await retire(9)).status).toBe(404);
    expect((await retire('x')).status).toBe(400);
    expect((await call('/v1/flows/fv-none/versions/1/retire', { method: 'POST', token: ADMIN })).status).toBe(404);
    expect((await retire(1, INVOKE)).status).toBe(403);
  });

  it('refuses labels it manages itself and labels on versions that do not exist', async () => {
    await putFlow(saying('fv-labels', 'x'));
    expect((await label('fv-labels', 'production', 1)).status).toBe(404);
    await publish('fv-labels');
    for (const name of ['latest', 'default', 'draft', 'Bad']) expect((await label('fv-labels', name, 1)).status, name).toBe(400);
    expect((await label('fv-labels', 'production', 5)).status).toBe(404);
    expect((await admin('/v1/flows/fv-labels/labels/production', { method: 'PUT', json: { version: 'one' } })).status).toBe(400);
    expect((await admin('/v1/flows/fv-labels/labels/staging', { method: 'DELETE' })).status).toBe(404);
  });

  it('stops running a deleted flow, published versions included', async () => {
    await putFlow(saying('fv-delete', 'x'));
    await publish('fv-delete');
    await label('fv-delete', 'production', 1);
    expect((await admin('/v1/flows/fv-delete', { method: 'DELETE' })).status).toBe(204);
    expect((await run('fv-delete')).status).toBe(404);
    expect((await run('fv-delete@1')).status).toBe(404);
    expect((await admin('/v1/flows/fv-delete/versions')).status).toBe(404);
  });
});

describe('GET /v1/flows/:id/diff', () => {
  it('diffs two versions, a label and the draft semantically', async () => {
    await putFlow(saying('fv-diff', 'before'));
    await publish('fv-diff');
    await putFlow(saying('fv-diff', 'after', { name: 'Renamed' }));
    await publish('fv-diff');
    await label('fv-diff', 'production', 1);
    const res = await admin('/v1/flows/fv-diff/diff?from=production&to=2');
    expect(res.status).toBe(200);
    const diff = (await res.json()) as {
      same: boolean;
      flow: { path: string }[];
      nodes: { changed: { id: string }[] };
      from: object;
      to: object;
    };
    expect(diff.same).toBe(false);
    expect(diff.flow.map((c) => c.path)).toContain('name');
    expect(diff.nodes.changed.map((n) => n.id)).toEqual(['answer']);
    expect(diff.from).toMatchObject({ version: 1, label: 'production' });
    expect(diff.to).toMatchObject({ version: 2 });
    const same = (await (await admin('/v1/flows/fv-diff/diff?from=latest&to=draft')).json()) as { same: boolean; to: object };
    expect(same).toMatchObject({ same: true, to: { version: 'draft' } });
  });

  it('answers 400 without from or to and 404 for a side that does not exist', async () => {
    await putFlow(saying('fv-diff-err', 'x'));
    expect((await admin('/v1/flows/fv-diff-err/diff?from=1')).status).toBe(400);
    expect((await admin('/v1/flows/fv-diff-err/diff?from=@@&to=draft')).status).toBe(400);
    const missing = await admin('/v1/flows/fv-diff-err/diff?from=1&to=draft');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('not_found');
  });
});
