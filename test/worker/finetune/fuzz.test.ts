// Property test for the fine-tuning write endpoints: arbitrary bodies (and near-valid requests
// with arbitrary files and hyperparameters) get a JSON answer below 500, never an internal error,
// and nothing is started unless the request is valid.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admin } from '../routes/helpers';
import { sftLine } from './helpers';

const nearValid = fc
  .record({
    trainer: fc.constantFrom('fake-openai', 'fake-together', 'fake-fireworks', 'nope', ''),
    baseModel: fc.oneof(fc.constant('gpt-4o-mini-2024-07-18'), fc.string()),
    method: fc.constantFrom('supervised', 'dpo', 'rl'),
    training: fc.oneof(
      fc.constant(Array.from({ length: 12 }, (_, i) => sftLine(`q${i}`, `a${i}`)).join('\n')),
      fc.string(),
      fc.array(fc.json()).map((l) => l.join('\n')),
    ),
    hyperparameters: fc.oneof(fc.constant({}), fc.dictionary(fc.constantFrom('epochs', 'beta', 'learningRate', 'x'), fc.jsonValue())),
    suffix: fc.option(fc.string(), { nil: undefined }),
  })
  .map((v) => JSON.stringify(v));

const bodies = fc.oneof(fc.json(), fc.string(), nearValid);

describe('the fine-tuning endpoints under arbitrary bodies', () => {
  it('answer JSON below 500 with an error code, never an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/v1/finetunes/validate', '/v1/finetunes'), bodies, async (path, body) => {
        const res = await admin(path, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
          env: { FINETUNE_WORKFLOW: undefined },
        });
        expect(res.headers.get('content-type') ?? '').toContain('application/json');
        const parsed = (await res.json()) as { error?: { code?: string } };
        expect(res.status, JSON.stringify(parsed)).toBeLessThan(500);
        if (res.status >= 400) expect(parsed.error?.code).toBeTruthy();
      }),
      { numRuns: 150 },
    );
  });

  it('answer the improvement-loop routes (replacements, adopt, evaluate) with JSON below 500', async () => {
    const loopBodies = fc.oneof(
      fc.json(),
      fc.string(),
      fc
        .record({
          flow: fc.constantFrom('no-such-flow', 'Bad Flow', ''),
          node: fc.constantFrom('specialist', '1bad', ''),
          candidates: fc.option(fc.array(fc.record({ model: fc.string(), provider: fc.option(fc.string(), { nil: undefined }) })), {
            nil: undefined,
          }),
          retrain: fc.option(fc.record({ trainer: fc.string(), baseModel: fc.string(), suffix: fc.string() }), { nil: undefined }),
          dataset: fc.option(fc.string(), { nil: undefined }),
        })
        .map((v) => JSON.stringify(v)),
    );
    const paths = [
      '/v1/finetunes/replacements',
      '/v1/finetunes/ftj_missing/adopt',
      '/v1/finetunes/ftj_missing/evaluate',
      '/v1/models/registry/ft%3Anope/adopt',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), loopBodies, async (path, body) => {
        const res = await admin(path, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
          env: { FINETUNE_WORKFLOW: undefined },
        });
        const parsed = (await res.json()) as { error?: { code?: string } };
        expect(res.status, JSON.stringify(parsed)).toBeLessThan(500);
        if (res.status >= 400) expect(parsed.error?.code).toBeTruthy();
      }),
      { numRuns: 150 },
    );
  });
});
