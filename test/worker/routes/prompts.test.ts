import { describe, expect, it } from 'vitest';
import { admin, call, errorOf } from './helpers';

const addVersion = (name: string, json: unknown) => admin(`/v1/prompts/${name}/versions`, { method: 'POST', json });

describe('prompt management', () => {
  it('creates a prompt with its first version and answers 201 with the number and variables', async () => {
    const res = await addVersion('welcome', {
      template: { text: 'Hi {{input.name}}, about {{input.topic}}' },
      description: 'Welcomes people',
      note: 'v1',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: 'welcome', version: 1, variables: ['input.name', 'input.topic'] });
  });

  it('keeps a given creation time (as weir push sends from the files) and refuses one that is not ISO 8601', async () => {
    const res = await addVersion('dated', { template: { text: 'x' }, createdAt: '2026-11-01T09:00:00.000Z' });
    expect(await res.json()).toMatchObject({ version: 1, createdAt: '2026-11-01T09:00:00.000Z' });
    const undated = (await (await addVersion('dated', { template: { text: 'y' } })).json()) as { createdAt: string };
    expect(Date.parse(undated.createdAt)).toBeGreaterThan(Date.parse('2026-11-01T09:00:00.000Z'));
    const bad = await addVersion('dated', { template: { text: 'z' }, createdAt: 'last tuesday' });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues?.map((i) => i.path)).toContain('$.createdAt');
  });

  it('gets a prompt with all versions (with variables) and labels', async () => {
    await addVersion('detail', { template: { text: 'one {{input.a}}' } });
    await addVersion('detail', { template: { messages: [{ role: 'user', content: 'two {{input.b}}' }] }, model: 'gpt-4o-mini' });
    await admin('/v1/prompts/detail/labels/production', { method: 'PUT', json: { version: 2 } });
    const body = (await (await admin('/v1/prompts/detail')).json()) as Record<string, unknown> & {
      versions: { version: number; variables: string[] }[];
    };
    expect(body).toMatchObject({ name: 'detail', latest: 2, labels: { production: 2 } });
    expect(body.versions.map((v) => [v.version, v.variables])).toEqual([
      [1, ['input.a']],
      [2, ['input.b']],
    ]);
  });

  it('lists prompts', async () => {
    await addVersion('listed-prompt', { template: { text: 'x' }, description: 'Listed' });
    const { prompts } = (await (await admin('/v1/prompts')).json()) as { prompts: Record<string, unknown>[] };
    expect(prompts.find((p) => p.name === 'listed-prompt')).toMatchObject({ description: 'Listed', latest: 1, labels: {} });
  });

  it('moves and deletes labels, and resolve follows them', async () => {
    await addVersion('moving', { template: { text: 'first' } });
    await addVersion('moving', { template: { text: 'second {{input.q}}' }, temperature: 0.2 });
    expect(await (await admin('/v1/prompts/moving/labels/prod', { method: 'PUT', json: { version: 1 } })).json()).toEqual({
      labels: { prod: 1 },
    });
    const first = await (await admin('/v1/prompts/resolve?ref=moving@prod')).json();
    expect(first).toMatchObject({ name: 'moving', version: 1, label: 'prod', template: { text: 'first' }, variables: [] });
    await admin('/v1/prompts/moving/labels/prod', { method: 'PUT', json: { version: 2 } });
    const second = await (await admin('/v1/prompts/resolve?ref=moving@prod')).json();
    expect(second).toMatchObject({ version: 2, temperature: 0.2, variables: ['input.q'] });
    expect(await (await admin('/v1/prompts/resolve?ref=moving@1')).json()).toMatchObject({ version: 1 });
    expect(await (await admin('/v1/prompts/moving/labels/prod', { method: 'DELETE' })).json()).toEqual({ labels: {} });
    expect((await admin('/v1/prompts/resolve?ref=moving@prod')).status).toBe(404);
  });

  it('answers 404 for unknown prompts, versions, labels and refs', async () => {
    await addVersion('known', { template: { text: 'x' } });
    expect((await admin('/v1/prompts/unknown-prompt')).status).toBe(404);
    expect((await admin('/v1/prompts/known/labels/prod', { method: 'PUT', json: { version: 7 } })).status).toBe(404);
    expect((await admin('/v1/prompts/known/labels/nolabel', { method: 'DELETE' })).status).toBe(404);
    const res = await admin('/v1/prompts/resolve?ref=known@9');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('prompt_not_found');
  });

  it('answers 400 with problem paths for invalid versions, names, labels and bodies', async () => {
    const invalid = await addVersion('bad-one', { template: { text: 'x' }, temperature: 7, extra: true });
    expect(invalid.status).toBe(400);
    const paths = (await errorOf(invalid)).issues?.map((i) => i.path);
    expect(paths).toContain('$.temperature');
    const template = await addVersion('bad-one', { template: { text: '{{#open}} never closed' } });
    expect(template.status).toBe(400);
    expect((await errorOf(template)).issues?.[0].path).toBe('$.template.text');
    expect((await addVersion('Bad Name', { template: { text: 'x' } })).status).toBe(400);
    expect((await addVersion('resolve', { template: { text: 'x' } })).status).toBe(400);
    const notJson = await admin('/v1/prompts/bad-one/versions', { method: 'POST', body: 'nope' });
    expect((await errorOf(notJson)).code).toBe('bad_json');
    await addVersion('labelled', { template: { text: 'x' } });
    expect((await admin('/v1/prompts/labelled/labels/latest', { method: 'PUT', json: { version: 1 } })).status).toBe(400);
    expect((await admin('/v1/prompts/labelled/labels/Prod!', { method: 'PUT', json: { version: 1 } })).status).toBe(400);
    expect((await admin('/v1/prompts/labelled/labels/prod', { method: 'PUT', json: { version: 'one' } })).status).toBe(400);
    expect((await admin('/v1/prompts/resolve')).status).toBe(400);
  });

  it('answers 413 for a prompt version larger than 256 KB', async () => {
    const res = await addVersion('large', { template: { text: 'x'.repeat(300 * 1024) } });
    expect(res.status).toBe(413);
  });

  it('requires the admin token on every prompt route', async () => {
    const routes: [string, string][] = [
      ['GET', '/v1/prompts'],
      ['GET', '/v1/prompts/x'],
      ['GET', '/v1/prompts/resolve?ref=x@1'],
      ['POST', '/v1/prompts/x/versions'],
      ['PUT', '/v1/prompts/x/labels/prod'],
      ['DELETE', '/v1/prompts/x/labels/prod'],
    ];
    for (const [method, path] of routes) expect((await call(path, { method })).status, `${method} ${path}`).toBe(401);
  });
});
