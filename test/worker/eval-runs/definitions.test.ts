// Eval definitions through the API: create, replace, list by flow, get, delete, and 422 with every
// problem (schema, unknown flow and dataset, unknown variants) while nothing is stored.
import { describe, expect, it } from 'vitest';
import { admin, call, errorOf, putFlow, simpleFlow } from '../routes/helpers';
import { datasetText, evalFile, putDataset } from './helpers';

describe('eval definitions', () => {
  it('creates, replaces, lists by flow, reads and deletes an eval', async () => {
    await putFlow(simpleFlow('def-flow'));
    await putDataset('def-data', datasetText(4));
    const created = await admin('/v1/evals/def-eval', { method: 'PUT', json: evalFile('def-flow', 'def-data') });
    expect(created.status).toBe(201);
    const body = (await created.json()) as {
      eval: { name: string; flow: string; dataset: string; variants: string[]; definition: { name: string } };
    };
    expect(body.eval).toMatchObject({ name: 'def-eval', flow: 'def-flow', dataset: 'def-data', variants: ['base', 'other', 'broken'] });
    expect(body.eval.definition.name).toBe('def-eval');

    const replaced = await admin('/v1/evals/def-eval', { method: 'PUT', json: { ...evalFile('def-flow', 'def-data'), repeats: 2 } });
    expect(replaced.status).toBe(200);
    const got = (await (await admin('/v1/evals/def-eval')).json()) as { eval: { definition: { repeats: number }; updatedAt: string } };
    expect(got.eval.definition.repeats).toBe(2);
    expect(Date.parse(got.eval.updatedAt)).not.toBeNaN();

    const listed = (await (await admin('/v1/evals?flow=def-flow')).json()) as { evals: { name: string; definition?: unknown }[] };
    expect(listed.evals.map((e) => e.name)).toEqual(['def-eval']);
    expect(listed.evals[0].definition).toBeUndefined();
    expect(((await (await admin('/v1/evals?flow=no-such-flow')).json()) as { evals: unknown[] }).evals).toEqual([]);

    expect((await admin('/v1/evals/def-eval', { method: 'DELETE' })).status).toBe(204);
    expect((await admin('/v1/evals/def-eval')).status).toBe(404);
    expect((await admin('/v1/evals/def-eval', { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses an invalid eval with every problem listed and stores nothing', async () => {
    await putFlow(simpleFlow('def-bad-flow'));
    const bad = {
      ...evalFile('def-bad-flow', 'no-such-dataset'),
      variants: [{ name: 'base' }, { name: 'ghostly', overrides: { ghost: { model: 'x' } } }],
      pairwise: [{ a: 'base', b: 'nobody', rubric: 'better' }],
      comparison: { prompt: 'base', finetuned: 'ghost', baseModel: 'gpt-4o-mini' },
    };
    const res = await admin('/v1/evals/def-bad', { method: 'PUT', json: bad });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_eval');
    expect(error.issues!.map((i) => [i.path, i.code])).toEqual(
      expect.arrayContaining([
        ['$.dataset.name', 'unknown_dataset'],
        ['$.pairwise', 'judge_missing'],
        ['$.pairwise[0].b', 'unknown_variant'],
        ['$.comparison.finetuned', 'unknown_variant'],
        ['$.variants[1].overrides.ghost', 'unknown_node'],
      ]),
    );
    expect((await admin('/v1/evals/def-bad')).status).toBe(404);

    const schema = await admin('/v1/evals/def-bad', { method: 'PUT', json: { version: 1, flow: 'Bad Id', variants: [], repeats: 0 } });
    expect(schema.status).toBe(422);
    const paths = (await errorOf(schema)).issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['$.flow', '$.dataset', '$.variants', '$.repeats']));

    const flowless = await admin('/v1/evals/def-bad', { method: 'PUT', json: evalFile('no-such-flow', 'no-such-dataset') });
    expect((await errorOf(flowless)).issues!.map((i) => i.code)).toEqual(expect.arrayContaining(['unknown_flow', 'unknown_dataset']));
  });

  it('answers junk bodies with a 4xx and a JSON error, never a 500', async () => {
    const bodies: unknown[] = [
      null,
      5,
      'text',
      [],
      [1, 2],
      { eval: null },
      { eval: 7 },
      { eval: [] },
      { eval: {} },
      { eval: 'x'.repeat(5000) },
      { eval: 'def-none', limit: -1 },
      { eval: { version: 1, flow: 'a', dataset: { name: 'b' }, variants: [{ name: 'v', overrides: 'no' }] } },
    ];
    for (const json of bodies) {
      for (const [path, method] of [
        ['/v1/eval-runs', 'POST'],
        ['/v1/evals/def-junk', 'PUT'],
      ] as const) {
        const res = await admin(path, { method, json });
        expect(res.status, `${method} ${path} ${JSON.stringify(json).slice(0, 60)}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect((await errorOf(res)).code).toEqual(expect.any(String));
      }
    }
    const deep = '['.repeat(200) + ']'.repeat(200);
    expect((await admin('/v1/eval-runs', { method: 'POST', body: deep, headers: { 'content-type': 'application/json' } })).status).toBe(
      400,
    );
    expect((await admin('/v1/eval-runs?limit=0')).status).toBe(400);
    expect((await admin('/v1/eval-runs/nope/cancel', { method: 'POST' })).status).toBe(404);
  });

  it('refuses a name in the file that differs from the URL, a bad name, bad JSON and callers without the admin token', async () => {
    await putFlow(simpleFlow('def-name-flow'));
    await putDataset('def-name-data', datasetText(4));
    const mismatch = await admin('/v1/evals/def-name', {
      method: 'PUT',
      json: { ...evalFile('def-name-flow', 'def-name-data'), name: 'other' },
    });
    expect(mismatch.status).toBe(422);
    expect((await errorOf(mismatch)).issues!.map((i) => i.code)).toContain('name_mismatch');
    expect((await admin('/v1/evals/Bad%20Name', { method: 'PUT', json: evalFile('def-name-flow', 'def-name-data') })).status).toBe(400);
    expect(
      (await admin('/v1/evals/def-name', { method: 'PUT', body: '{nope', headers: { 'content-type': 'application/json' } })).status,
    ).toBe(400);
    expect((await call('/v1/evals')).status).toBe(401);
    expect((await call('/v1/eval-runs', { method: 'POST', json: { eval: 'x' } })).status).toBe(401);
  });
});
