import { describe, expect, it } from 'vitest';
import { admin, call, errorOf, simpleFlow } from './helpers';

describe('flow management', () => {
  it('stores a valid flow as canonical text and returns it', async () => {
    const flow = simpleFlow('store-me');
    const res = await admin('/v1/flows/store-me', { method: 'PUT', json: flow });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { flow: { id: string; nodes: unknown[] }; problems: unknown[] };
    expect(body.flow.id).toBe('store-me');
    expect(body.problems.filter((p) => (p as { severity: string }).severity === 'error')).toEqual([]);
    const got = (await (await admin('/v1/flows/store-me')).json()) as { flow: unknown; updatedAt: string; problems: unknown[] };
    expect(got.flow).toEqual(body.flow);
    expect(got.updatedAt).toMatch(/^\d{4}-/);
  });

  it('lists stored flows with name, public flag and problem count', async () => {
    await admin('/v1/flows/listed', { method: 'PUT', json: simpleFlow('listed', { public: true, name: 'Listed flow' }) });
    const { flows } = (await (await admin('/v1/flows')).json()) as { flows: Record<string, unknown>[] };
    expect(flows.find((f) => f.id === 'listed')).toMatchObject({
      id: 'listed',
      name: 'Listed flow',
      public: true,
      problems: 0,
      description: 'A test flow',
    });
  });

  it('rejects an invalid flow with 422 and every problem with its path, storing nothing', async () => {
    const flow = simpleFlow('broken', { edges: [{ source: 'question', target: 'nowhere' }] });
    const res = await admin('/v1/flows/broken', { method: 'PUT', json: flow });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_flow');
    expect(error.issues?.length).toBeGreaterThan(0);
    expect(error.issues?.every((i) => i.path.startsWith('$'))).toBe(true);
    expect((await admin('/v1/flows/broken')).status).toBe(404);
  });

  it('stores an invalid flow as a draft with ?draft=1 and reports its problems', async () => {
    const flow = simpleFlow('drafty', { edges: [] });
    const res = await admin('/v1/flows/drafty?draft=1', { method: 'PUT', json: flow });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { problems: { severity: string }[] };
    expect(body.problems.some((p) => p.severity === 'error')).toBe(true);
    const { flows } = (await (await admin('/v1/flows')).json()) as { flows: { id: string; problems: number }[] };
    expect(flows.find((f) => f.id === 'drafty')?.problems).toBeGreaterThan(0);
  });

  it('stores a draft the schema rejects outright and returns it as sent', async () => {
    const res = await admin('/v1/flows/shapeless?draft=1', { method: 'PUT', json: { name: 'Half done', nodes: 'oops' } });
    expect(res.status).toBe(200);
    const got = (await (await admin('/v1/flows/shapeless')).json()) as { flow: Record<string, unknown>; problems: unknown[] };
    expect(got.flow).toMatchObject({ id: 'shapeless', name: 'Half done', nodes: 'oops' });
    expect(got.problems.length).toBeGreaterThan(0);
  });

  it('answers 400 for a body that is not JSON and for an id that does not match the URL', async () => {
    const bad = await admin('/v1/flows/x1', { method: 'PUT', body: '{"version": 1,', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('bad_json');
    const mismatch = await admin('/v1/flows/x1', { method: 'PUT', json: simpleFlow('x2') });
    expect(mismatch.status).toBe(400);
    expect((await errorOf(mismatch)).code).toBe('id_mismatch');
    const badId = await admin('/v1/flows/Not%20A%20Slug', { method: 'PUT', json: simpleFlow('x1') });
    expect(badId.status).toBe(400);
  });

  it('answers 413 for a flow larger than 256 KB', async () => {
    const flow = simpleFlow('huge', { description: 'x'.repeat(300 * 1024) });
    const res = await admin('/v1/flows/huge', { method: 'PUT', json: flow });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
  });

  it('answers 413 when a chunked body passes the cap without a Content-Length', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await admin('/v1/flows/streamed', { method: 'PUT', body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('answers 404 for a flow that does not exist', async () => {
    const res = await admin('/v1/flows/missing-flow');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
  });

  it('deletes a flow with 204, then 404', async () => {
    await admin('/v1/flows/doomed', { method: 'PUT', json: simpleFlow('doomed') });
    expect((await admin('/v1/flows/doomed', { method: 'DELETE' })).status).toBe(204);
    expect((await admin('/v1/flows/doomed')).status).toBe(404);
    expect((await admin('/v1/flows/doomed', { method: 'DELETE' })).status).toBe(404);
  });

  it('validates without storing: valid and invalid flows', async () => {
    const ok = (await (await admin('/v1/flows/validate', { method: 'POST', json: simpleFlow('v-ok') })).json()) as { valid: boolean };
    expect(ok.valid).toBe(true);
    const res = await admin('/v1/flows/validate', { method: 'POST', json: simpleFlow('v-bad', { nodes: [] }) });
    expect(res.status).toBe(200);
    const bad = (await res.json()) as { valid: boolean; problems: { path: string }[] };
    expect(bad.valid).toBe(false);
    expect(bad.problems.length).toBeGreaterThan(0);
    expect((await admin('/v1/flows/v-ok')).status).toBe(404);
  });

  it('requires the admin token on every management route', async () => {
    const routes: [string, string][] = [
      ['GET', '/v1/flows'],
      ['GET', '/v1/flows/any'],
      ['PUT', '/v1/flows/any'],
      ['DELETE', '/v1/flows/any'],
      ['POST', '/v1/flows/validate'],
    ];
    for (const [method, path] of routes) {
      expect(
        (await call(path, { method, json: method === 'GET' || method === 'DELETE' ? undefined : {} })).status,
        `${method} ${path}`,
      ).toBe(401);
    }
  });
});
