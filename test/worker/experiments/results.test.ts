import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { guardRunningExperiments } from '../../../worker/experiments/guardrail';
import { forgetLive } from '../../../worker/experiments/live';
import { experimentStore } from '../../../worker/experiments/store';
import { twoProportion, rateOf } from '../../../worker/experiments/significance';
import { admin, call, errorOf, INVOKE, putFlow, simpleFlow } from '../routes/helpers';
import { branchingFlow } from '../runs/helpers';
import { createExperiment, evenSplit, runAs, startExperiment, twoVersions } from './helpers';

interface ArmBody {
  arm: string;
  runs: number;
  stopped?: boolean;
  stoppedReason?: string;
  errorRate: { rate: number | null; interval: { low: number; high: number } | null };
  fallbackRate: { rate: number | null };
  latencyMs: { p50: number | null; p95: number | null };
  feedback: { thumbsUp: { count: number; n: number } };
  vsControl?: { errorRate: { significant: boolean; note?: string; pValue: number | null }; fallbackRate: { note?: string } };
}
const results = async (id: string) =>
  (await (await admin(`/v1/experiments/${id}/results`)).json()) as {
    experiment: { status: string; arms: { stopped?: boolean }[] };
    arms: ArmBody[];
  };

describe('per-arm results', () => {
  it('reports traffic, error rate, latency and feedback per arm, with no verdict under the minimum sample', async () => {
    await evenSplit('res', 'res-flow');
    for (let i = 0; i < 16; i++) {
      const { body, arm } = await runAs('res-flow', `s${i}`);
      const thumbs = arm === 'v2' ? 'up' : i % 2 ? 'up' : 'down';
      const fb = await call(`/v1/runs/${body.runId}/feedback`, { method: 'POST', token: INVOKE, json: { thumbs } });
      expect(fb.status).toBeLessThan(300);
    }
    const { arms } = await results('res');
    expect(arms.map((a) => a.arm)).toEqual(['v1', 'v2']);
    expect(arms[0].runs + arms[1].runs).toBe(16);
    for (const a of arms) {
      expect(a.errorRate.rate).toBe(0);
      expect(a.latencyMs.p50).not.toBeNull();
      expect(a.feedback.thumbsUp.n).toBe(a.runs);
    }
    expect(arms[1].feedback.thumbsUp.count).toBe(arms[1].runs);
    expect(arms[1].vsControl?.errorRate.significant).toBe(false);
    expect(arms[1].vsControl?.errorRate.note).toContain('at least 30');
  });

  it('calls a large difference significant and a small sample not', () => {
    expect(twoProportion(rateOf(5, 100), rateOf(40, 100), 30).significant).toBe(true);
    expect(twoProportion(rateOf(10, 100), rateOf(12, 100), 30).significant).toBe(false);
    expect(twoProportion(rateOf(0, 10), rateOf(10, 10), 30).pValue).toBeNull();
  });
});

describe('the guardrail', () => {
  it('stops an arm whose error rate passes the threshold when results are read, and its subjects go to the other arm', async () => {
    await twoVersions('guard-flow', 'echo:fail-404');
    await createExperiment({
      id: 'guard',
      flowId: 'guard-flow',
      arms: [
        { name: 'good', ref: 1, weight: 1 },
        { name: 'bad', ref: 2, weight: 1 },
      ],
      guardrail: { maxErrorRate: 0.2, minRuns: 3 },
    });
    await startExperiment('guard');
    const badSubjects: string[] = [];
    for (let i = 0; badSubjects.length < 4 && i < 60; i++) {
      const { res, arm } = await runAs('guard-flow', `g${i}`);
      if (arm === 'bad') {
        expect(res.status).toBeGreaterThanOrEqual(400);
        badSubjects.push(`g${i}`);
      }
    }
    expect(badSubjects.length).toBe(4);
    const read = await results('guard');
    const bad = read.arms.find((a) => a.arm === 'bad');
    expect(bad?.stopped).toBe(true);
    expect(bad?.stoppedReason).toContain('guardrail');
    expect(read.experiment.status).toBe('running');
    forgetLive();
    for (const s of badSubjects) expect((await runAs('guard-flow', s)).arm).toBe('good');
  });

  it('is checked by the cron too, and stops the experiment when no arm is left', async () => {
    await twoVersions('cron-flow', 'echo:fail-404');
    await createExperiment({
      id: 'cron',
      flowId: 'cron-flow',
      arms: [
        { name: 'bad', ref: 2, weight: 1 },
        { name: 'off', ref: 1, weight: 0 },
      ],
      guardrail: { maxErrorRate: 0.5, minRuns: 2 },
    });
    await startExperiment('cron');
    for (let i = 0; i < 3; i++) expect((await runAs('cron-flow', `c${i}`)).arm).toBe('bad');
    const store = experimentStore({ db: env.WEIR_DB, kv: env.WEIR_KV });
    expect(await guardRunningExperiments(store, env.WEIR_DB)).toBe(1);
    const exp = await store.get('cron');
    expect(exp.status).toBe('stopped');
    expect(await env.WEIR_KV.get('experiment:cron-flow')).toBeNull();
    forgetLive();
    expect((await runAs('cron-flow', 'c0')).body.flow.version).toBe(1);
  });
});

describe('promote', () => {
  it('moves production to the winning arm as an ordinary release and ends the experiment', async () => {
    await twoVersions('promo-flow');
    await createExperiment({
      id: 'promo',
      flowId: 'promo-flow',
      arms: [
        { name: 'v1', ref: 'production', weight: 1 },
        { name: 'v2', ref: 2, weight: 1 },
      ],
    });
    await startExperiment('promo');
    const unknownArm = await admin('/v1/experiments/promo/promote', { method: 'POST', json: { arm: 'v9' } });
    expect(unknownArm.status).toBe(400);
    expect((await errorOf(unknownArm)).message).toContain('no arm "v9"');
    const stale = await admin('/v1/experiments/promo/promote', { method: 'POST', json: { arm: 'v2', version: 1 } });
    expect(stale.status).toBe(409);
    const res = await admin('/v1/experiments/promo/promote', { method: 'POST', json: { arm: 'v2' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      version: 2,
      labels: { production: 2 },
      experiment: { status: 'promoted', promotedArm: 'v2' },
    });
    forgetLive();
    const after = await runAs('promo-flow', 'anyone');
    expect(after.arm).toBeNull();
    expect(after.body.flow.version).toBe(2);
    expect((await admin('/v1/experiments/promo/promote', { method: 'POST', json: { arm: 'v1' } })).status).toBe(409);
    expect((await admin('/v1/experiments/promo/start', { method: 'POST' })).status).toBe(409);
  });
});

describe('fallbacks under an experiment', () => {
  it("follow the arm's own fallback edges and show in that arm's fallback rate", async () => {
    await putFlow(simpleFlow('fb-flow'));
    await admin('/v1/flows/fb-flow/versions', { method: 'POST' });
    // Version 2: E5 questions go to a fine-tuned model that fails, whose fallback edge leads to the base model.
    await putFlow(branchingFlow('fb-flow', 'echo:fail-404', 'test-model'));
    await admin('/v1/flows/fb-flow/versions', { method: 'POST' });
    await admin('/v1/flows/fb-flow/labels/production', { method: 'PUT', json: { version: 1 } });
    await createExperiment({
      id: 'fb',
      flowId: 'fb-flow',
      arms: [
        { name: 'v1', ref: 1, weight: 1 },
        { name: 'v2', ref: 2, weight: 1 },
      ],
    });
    await startExperiment('fb');
    for (let i = 0; i < 12; i++) expect((await runAs('fb-flow', `f${i}`, 'Error E5 again')).res.status).toBe(200);
    const { arms } = await results('fb');
    const [v1, v2] = arms;
    expect(v1.runs).toBeGreaterThan(0);
    expect(v2.runs).toBeGreaterThan(0);
    expect(v1.fallbackRate.rate).toBe(0);
    expect(v2.fallbackRate.rate).toBe(1);
    expect(v2.errorRate.rate).toBe(0);
    expect(v2.vsControl?.fallbackRate.note).toContain('at least 30');
  });
});
