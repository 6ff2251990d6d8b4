// An eval run in the Workflow, in workerd: to done with its report (variants with intervals, the
// pairs' significance), a cell per item x variant with its run in the run log (source eval), node
// statistics and the dataset hash; a failing provider's items count as failures.
import { env, introspectWorkflow } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Bindings } from '../../../worker/http/env';
import { admin, errorOf } from '../routes/helpers';
import { detail, setup, startRun, waitFor } from './helpers';

const bindings = env as unknown as Bindings;

describe('an eval run in the worker', () => {
  it('runs every item on every variant to done, with the report, cells, node stats and run-log rows of source eval', async () => {
    const { hash } = await setup('er-main', 8);
    await using workflows = await introspectWorkflow(bindings.EVAL_WORKFLOW!);
    const started = await startRun({ eval: 'er-main', label: 'first' });
    expect(started).toMatchObject({
      eval: 'er-main',
      flow: 'er-main-flow',
      status: 'queued',
      done: 0,
      total: 18,
      source: 'api',
      label: 'first',
    });
    expect(started.dataset).toEqual({ name: 'er-main-data', hash, split: 'test' });
    const [instance] = await workflows.get();
    await instance.waitForStatus('complete');
    expect(await instance.getOutput()).toEqual({ status: 'done' });

    const { run, report, cells, nodes } = await detail(started.id);
    expect(run).toMatchObject({ status: 'done', done: 18, total: 18 });
    expect(run.finishedAt).toBeDefined();
    expect(cells).toHaveLength(18);
    expect(new Set(cells.map((c) => `${c.variant}/${c.itemId}/${c.repeat}`)).size).toBe(18);

    expect(report!.dataset).toMatchObject({ name: 'er-main-data', hash, split: 'test', items: 6 });
    expect(report!.variants.map((v) => [v.name, v.passRate, v.errors])).toEqual([
      ['base', 1, 0],
      ['other', 1, 0],
      ['broken', 0, 6],
    ]);
    expect(report!.variants[0].interval.low).toBeGreaterThan(0.5);
    expect(report!.variants[0].interval.high).toBe(1);
    const pair = report!.pairs.find((p) => p.a === 'base' && p.b === 'broken')!;
    expect(pair.flipped).toHaveLength(6);
    expect(pair.flipped.every((f) => f.passed === 'a')).toBe(true);
    expect(pair.significant).toBe(true);
    expect(report!.items).toHaveLength(6);

    // The failing provider: every broken cell failed, with the provider's reason.
    const broken = cells.filter((c) => c.variant === 'broken');
    expect(broken.every((c) => !c.pass && c.status === 'failed' && c.score === 0)).toBe(true);
    expect(broken[0].reasons.join(' ')).toContain('provider_model_not_found');

    // Every run is in the run log with source eval, and opens by id.
    for (const cell of [cells[0], broken[0]]) {
      expect(cell.runId).toMatch(/^[0-9a-f-]{36}$/);
      const logged = await admin(`/v1/runs/${cell.runId}`);
      expect(logged.status).toBe(200);
      const body = (await logged.json()) as { source: string; status: string; flow: { id: string } };
      expect(body).toMatchObject({ source: 'eval', status: cell.status, flow: { id: 'er-main-flow' } });
    }

    expect(nodes.base.answer).toMatchObject({ runs: 6, passRate: 1, errorRate: 0, fallbackRate: 0, handles: {} });
    expect(nodes.broken.answer).toMatchObject({ runs: 6, passRate: 0, errorRate: 1 });
    expect(nodes.base.question.runs).toBe(6);

    const listed = (await (await admin('/v1/eval-runs?eval=er-main')).json()) as { runs: { id: string }[] };
    expect(listed.runs.map((r) => r.id)).toEqual([started.id]);
    expect(((await (await admin('/v1/eval-runs?flow=er-main-flow&limit=1')).json()) as { runs: unknown[] }).runs).toHaveLength(1);
  });

  it('runs an eval file sent in the request, with repeats, a split, a limit and the source a caller names', async () => {
    await setup('er-inline', 8);
    const file = {
      ...((await (await admin('/v1/evals/er-inline')).json()) as { eval: { definition: Record<string, unknown> } }).eval.definition,
      name: 'er-inline-adhoc',
    };
    await using workflows = await introspectWorkflow(bindings.EVAL_WORKFLOW!);
    const started = await startRun({ eval: file, repeats: 2, split: 'train', limit: 1, source: 'finetune' });
    expect(started).toMatchObject({ eval: 'er-inline-adhoc', total: 6, source: 'finetune', dataset: { split: 'train' } });
    const [instance] = await workflows.get();
    await instance.waitForStatus('complete');
    const { run, report, cells } = await detail(started.id);
    expect(run.status).toBe('done');
    expect(cells.map((c) => c.repeat).sort()).toEqual([0, 0, 0, 1, 1, 1]);
    expect(report!.repeats).toBe(2);
    expect(report!.items.map((i) => i.id)).toEqual(['q4']);
  });

  it('refuses runs that cannot start, with every problem, and starts nothing', async () => {
    expect((await admin('/v1/eval-runs', { method: 'POST', json: { eval: 'no-such-eval' } })).status).toBe(404);
    const bad = await admin('/v1/eval-runs', { method: 'POST', json: { eval: { version: 1 }, repeats: 0, extra: true } });
    expect(bad.status).toBe(422);
    const paths = (await errorOf(bad)).issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['$.repeats', '$.eval.flow', '$.eval.variants']));
    await setup('er-empty', 4);
    const none = await admin('/v1/eval-runs', { method: 'POST', json: { eval: 'er-empty', split: 'validation' } });
    expect(none.status).toBe(422);
    expect((await errorOf(none)).issues!.map((i) => i.code)).toContain('no_items');
    expect((await admin('/v1/eval-runs/no-such-run')).status).toBe(404);
  });

  it('runs the dataset version whose hash the eval pins, not the current one', async () => {
    const { hash } = await setup('er-pin', 4);
    const definition = ((await (await admin('/v1/evals/er-pin')).json()) as { eval: { definition: { dataset: object } } }).eval.definition;
    await admin('/v1/evals/er-pin', {
      method: 'PUT',
      json: { ...definition, dataset: { ...definition.dataset, hash: hash.replace(/^sha256:/, '').slice(0, 16) } },
    });
    await admin('/v1/datasets/er-pin-data', { method: 'PUT', body: '{"id":"new","input":{"question":"new"},"split":"test"}\n' });
    await using workflows = await introspectWorkflow(bindings.EVAL_WORKFLOW!);
    const started = await startRun({ eval: 'er-pin' });
    expect(started.dataset.hash).toBe(hash);
    const [instance] = await workflows.get();
    await instance.waitForStatus('complete');
    const d = await waitFor(started.id, ['done']);
    expect(d.report!.items.map((i) => i.id)).toEqual(['q1', 'q2', 'q3']);
  });
});
