// What `npm start` promises beyond serving flows: generated local secrets that are never
// overwritten, and a seed on every start that never clobbers what was changed locally.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDevVars, parseDotenv } from '../../scripts/lib/dev-vars';
import { exampleFlows, startWeir } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'weir-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start', () => {
  it('creates .dev.vars with generated tokens on a fresh clone and keeps existing values later', () => {
    const path = join(dir, '.dev.vars');
    const first = ensureDevVars(path);
    expect(first.created).toEqual(['ADMIN_TOKEN', 'INVOKE_KEYS']);
    expect(first.vars.ADMIN_TOKEN).toMatch(/^weir_admin_[A-Za-z0-9_-]{32}$/);
    expect(parseDotenv(readFileSync(path, 'utf8'))).toEqual(first.vars);
    const again = ensureDevVars(path);
    expect(again.created).toEqual([]);
    expect(again.vars).toEqual(first.vars);
  });

  it('adds only what is missing to an existing .dev.vars', () => {
    const path = join(dir, 'partial.dev.vars');
    writeFileSync(path, 'OPENAI_API_KEY="sk-mine"\nADMIN_TOKEN=chosen-by-me\n');
    const { vars, created } = ensureDevVars(path);
    expect(created).toEqual(['INVOKE_KEYS']);
    expect(vars).toMatchObject({ OPENAI_API_KEY: 'sk-mine', ADMIN_TOKEN: 'chosen-by-me' });
    expect(readFileSync(path, 'utf8')).toContain('OPENAI_API_KEY="sk-mine"');
  });

  it(
    'reseeds on restart without clobbering local prompt versions, moved labels, edited flows, datasets or evals',
    { timeout: 300_000 },
    async () => {
      const state = join(dir, 'state-reuse');
      const flow = exampleFlows()[0];
      const first = await startWeir({}, { dir: state });
      const auth = { authorization: `Bearer ${first.adminToken}`, 'content-type': 'application/json' };
      let promptName: string;
      try {
        expect(first.seed.flows.every((f) => f.action === 'created')).toBe(true);
        const edited = { ...flow, name: 'Edited locally' };
        expect(
          (await fetch(`${first.url}/v1/flows/${flow.id}`, { method: 'PUT', headers: auth, body: JSON.stringify(edited) })).status,
        ).toBe(200);
        promptName = first.seed.prompts[0].name;
        const added = await fetch(`${first.url}/v1/prompts/${promptName}/versions`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ template: { text: 'local {{input.x}}' } }),
        });
        const { version } = (await added.json()) as { version: number };
        await fetch(`${first.url}/v1/prompts/${promptName}/labels/production`, {
          method: 'PUT',
          headers: auth,
          body: JSON.stringify({ version }),
        });
        // Datasets and evals are seeded too, and edits through the API survive the next start.
        expect(first.seed.evals!.datasets.every((d) => d.action === 'created')).toBe(true);
        expect(first.seed.evals!.evals.map((e) => [e.name, e.action])).toContainEqual(['support-x1000', 'created']);
        const stored = (await (await fetch(`${first.url}/v1/evals/support-x1000`, { headers: auth })).json()) as {
          eval: { definition: object };
        };
        const put = await fetch(`${first.url}/v1/evals/support-x1000`, {
          method: 'PUT',
          headers: auth,
          body: JSON.stringify({ ...stored.eval.definition, repeats: 3 }),
        });
        expect(put.status).toBe(200);
        const pushed = await fetch(`${first.url}/v1/datasets/email-announcement`, {
          method: 'PUT',
          headers: auth,
          body: '{"id":"mine","input":{"topic":"x"}}\n',
        });
        expect(pushed.status).toBe(200);
      } finally {
        await first.stop();
      }

      const second = await startWeir({}, { dir: state });
      try {
        const actions = Object.fromEntries(second.seed.flows.map((f) => [f.id, f.action]));
        expect(actions[flow.id]).toBe('kept-local-edits');
        expect(
          Object.entries(actions)
            .filter(([id]) => id !== flow.id)
            .every(([, a]) => a === 'unchanged'),
        ).toBe(true);
        expect(second.seed.prompts.every((p) => p.added.length === 0 && p.labels.length === 0)).toBe(true);
        const headers = { authorization: `Bearer ${second.adminToken}` };
        const got = (await (await fetch(`${second.url}/v1/flows/${flow.id}`, { headers })).json()) as { flow: { name: string } };
        expect(got.flow.name).toBe('Edited locally');
        const resolved = (await (await fetch(`${second.url}/v1/prompts/resolve?ref=${promptName}@production`, { headers })).json()) as {
          template: unknown;
        };
        expect(resolved.template).toEqual({ text: 'local {{input.x}}' });
        expect(second.seed.evals!.evals).toContainEqual({ name: 'support-x1000', action: 'kept-local-edits' });
        expect(second.seed.evals!.evals).toContainEqual({ name: 'email-announcement', action: 'unchanged' });
        expect(second.seed.evals!.datasets).toEqual(
          expect.arrayContaining([
            { name: 'email-announcement', action: 'kept-local-edits' },
            { name: 'support-x1000', action: 'unchanged' },
          ]),
        );
        const kept = (await (await fetch(`${second.url}/v1/evals/support-x1000`, { headers })).json()) as {
          eval: { definition: { repeats: number } };
        };
        expect(kept.eval.definition.repeats).toBe(3);
      } finally {
        await second.stop();
      }
    },
  );
});
