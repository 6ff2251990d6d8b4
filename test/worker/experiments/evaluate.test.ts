// Live evaluation: assertions on a sample of an experiment's traffic, stored with each run as
// scores with source `eval`, and read back per arm with the same statistics as feedback.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { inEvalSample } from '../../../worker/experiments/evaluate';
import { admin, errorOf } from '../routes/helpers';
import { createExperiment, runAs, startExperiment, twoVersions } from './helpers';

// oxlint-disable-next-line typescript/no-explicit-any
type Loose = Record<string, any>;
const arms = [
  { name: 'v1', ref: 1, weight: 1 },
  { name: 'v2', ref: 2, weight: 1 },
];
const scoresOf = async (runId: string) =>
  (
    await env.WEIR_DB.prepare('SELECT name, value, text, source FROM run_scores WHERE run_id = ? ORDER BY name')
      .bind(runId)
      .all<{ name: string; value: number; text: string | null; source: string }>()
  ).results;

describe('an experiment that evaluates live traffic', () => {
  it('scores every sampled run with the assertions and shows each arm’s pass rate, compared with the control', async () => {
    await twoVersions('ev-flow');
    const created = await createExperiment({
      id: 'ev',
      flowId: 'ev-flow',
      arms,
      minSamples: 5,
      evaluate: { sample: 1, assertions: [{ type: 'icontains', value: 'v2', metric: 'says v2' }] },
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as Loose).evaluate).toMatchObject({ sample: 1 });
    await startExperiment('ev');
    const seen: Record<string, string> = {};
    for (let i = 0; i < 24; i++) {
      const { body, arm } = await runAs('ev-flow', `ev-user-${i}`);
      seen[body.runId] = arm!;
    }
    for (const [runId, arm] of Object.entries(seen).slice(0, 6)) {
      const rows = await scoresOf(runId);
      expect(rows.map((r) => [r.name, r.source])).toEqual([
        ['eval_pass', 'eval'],
        ['eval_score', 'eval'],
      ]);
      expect(rows[0].value).toBe(arm === 'v2' ? 1 : 0);
      if (arm === 'v1') expect(JSON.parse(rows[0].text!)).toEqual(['says v2']);
    }
    const res = (await (await admin('/v1/experiments/ev/results')).json()) as { arms: Loose[] };
    const [v1, v2] = res.arms;
    expect(v1.evaluation.passRate).toMatchObject({ count: 0, n: v1.runs, rate: 0 });
    expect(v2.evaluation.passRate).toMatchObject({ count: v2.runs, n: v2.runs, rate: 1 });
    expect(v2.evaluation.score.mean).toBe(1);
    expect(v2.evaluation.passRate.interval.low).toBeGreaterThan(0.5);
    expect(v2.vsControl.evalPass).toMatchObject({ difference: 1, significant: true });
  });

  it('evaluates nothing at sample 0, and the shadow candidate’s runs too when sampled', async () => {
    await twoVersions('ev-none');
    await createExperiment({
      id: 'ev-none',
      flowId: 'ev-none',
      arms: arms.map((a) => ({ ...a, weight: a.name === 'v1' ? 1 : 0 })),
      shadow: { ref: 2, sample: 1 },
      evaluate: { sample: 0, assertions: [{ type: 'icontains', value: 'v1' }] },
    });
    await startExperiment('ev-none');
    const { body } = await runAs('ev-none', 'someone');
    expect(await scoresOf(body.runId)).toEqual([]);

    await twoVersions('ev-shadow');
    await createExperiment({
      id: 'ev-shadow',
      flowId: 'ev-shadow',
      arms: arms.map((a) => ({ ...a, weight: a.name === 'v1' ? 1 : 0 })),
      shadow: { ref: 2, sample: 1 },
      evaluate: { sample: 1, assertions: [{ type: 'icontains', value: 'v2' }] },
    });
    await startExperiment('ev-shadow');
    for (let i = 0; i < 3; i++) await runAs('ev-shadow', `shadowed-${i}`);
    const res = (await (await admin('/v1/experiments/ev-shadow/results')).json()) as { arms: Loose[] };
    const shadow = res.arms.find((a) => a.arm === 'shadow')!;
    expect(shadow.evaluation.passRate).toMatchObject({ count: 3, n: 3 });
    expect(res.arms.find((a) => a.arm === 'v1')!.evaluation.passRate).toMatchObject({ count: 0, n: 3 });
  });

  it('refuses an evaluate block with a bad sample or an unknown assertion', async () => {
    await twoVersions('ev-bad');
    const bad = await createExperiment({
      id: 'ev-bad',
      flowId: 'ev-bad',
      arms,
      evaluate: { sample: 2, assertions: [{ type: 'icontains', value: 'x' }] },
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues!.map((i) => i.path)).toContain('$.evaluate.sample');
    const unknown = await createExperiment({
      id: 'ev-bad',
      flowId: 'ev-bad',
      arms,
      evaluate: { sample: 0.1, assertions: [{ type: 'javascript', value: '1' }] },
    });
    expect(unknown.status).toBe(400);
  });

  it('samples by run id: the same run is always in or out, and the share follows the sample', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `run-${i}`);
    const inTenth = ids.filter((id) => inEvalSample('salt', id, 0.1)).length;
    expect(inTenth).toBeGreaterThan(140);
    expect(inTenth).toBeLessThan(260);
    expect(ids.every((id) => inEvalSample('salt', id, 0.1) === inEvalSample('salt', id, 0.1))).toBe(true);
  });
});
