import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { forgetLive } from '../../../worker/experiments/live';
import { admin, call, errorOf, INVOKE } from '../routes/helpers';
import { createExperiment, runAs, startExperiment, twoVersions } from './helpers';

const fiftyFifty = (id: string, flowId: string, extra: Record<string, unknown> = {}) => ({
  id,
  flowId,
  arms: [
    { name: 'v1', ref: 1, weight: 50 },
    { name: 'v2', ref: 2, weight: 50 },
  ],
  ...extra,
});

describe('experiments API', () => {
  it('creates, lists and reads an experiment as a draft at version 1', async () => {
    await twoVersions('exp-crud');
    const res = await createExperiment(fiftyFifty('crud', 'exp-crud'));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: 'crud', status: 'draft', version: 1, guardrail: { maxErrorRate: 0.5 } });
    const list = (await (await admin('/v1/experiments?flow=exp-crud')).json()) as { experiments: { id: string }[] };
    expect(list.experiments.map((e) => e.id)).toEqual(['crud']);
    expect((await admin('/v1/experiments/crud')).status).toBe(200);
    expect(await errorOf(await createExperiment(fiftyFifty('crud', 'exp-crud')))).toMatchObject({ code: 'conflict' });
  });

  it('refuses bad experiments with clear errors', async () => {
    await twoVersions('exp-bad');
    const one = await createExperiment({ id: 'bad1', flowId: 'exp-bad', arms: [{ name: 'a', ref: 1, weight: 1 }] });
    expect(one.status).toBe(400);
    expect(await errorOf(one)).toMatchObject({ code: 'invalid_experiment' });
    const missing = await createExperiment(
      fiftyFifty('bad2', 'exp-bad', {
        arms: [
          { name: 'a', ref: 1, weight: 1 },
          { name: 'b', ref: 9, weight: 1 },
        ],
      }),
    );
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).message).toContain('"9"');
    const noFlow = await createExperiment(fiftyFifty('bad3', 'no-such-flow'));
    expect(noFlow.status).toBe(404);
    const draft = await createExperiment(
      fiftyFifty('bad4', 'exp-bad', {
        arms: [
          { name: 'a', ref: 'draft', weight: 1 },
          { name: 'b', ref: 1, weight: 1 },
        ],
      }),
    );
    expect(draft.status).toBe(400);
    expect((await admin('/v1/experiments/nope')).status).toBe(404);
  });

  it('needs the admin token', async () => {
    expect((await call('/v1/experiments')).status).toBe(401);
    expect((await call('/v1/experiments', { token: INVOKE })).status).toBe(403);
  });

  it('updates weights by compare-and-set and answers 409 on a stale version', async () => {
    await twoVersions('exp-cas');
    await createExperiment(fiftyFifty('cas', 'exp-cas'));
    const ok = await admin('/v1/experiments/cas', { method: 'PATCH', json: { version: 1, weights: { v1: 10, v2: 90 } } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ version: 2, arms: [{ weight: 10 }, { weight: 90 }] });
    const stale = await admin('/v1/experiments/cas', { method: 'PATCH', json: { version: 1, weights: { v1: 50 } } });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).message).toContain('version 2');
    const unknownArm = await admin('/v1/experiments/cas', { method: 'PATCH', json: { version: 2, weights: { v3: 1 } } });
    expect(unknownArm.status).toBe(400);
    const allZero = await admin('/v1/experiments/cas', { method: 'PATCH', json: { version: 2, weights: { v1: 0, v2: 0 } } });
    expect(allZero.status).toBe(400);
  });

  it('lets only one of two concurrent updates of the same version win', async () => {
    await twoVersions('exp-race');
    await createExperiment(fiftyFifty('race', 'exp-race'));
    const [a, b] = await Promise.all([
      admin('/v1/experiments/race', { method: 'PATCH', json: { version: 1, weights: { v1: 1 } } }),
      admin('/v1/experiments/race', { method: 'PATCH', json: { version: 1, weights: { v1: 2 } } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('refuses a second running experiment on the same flow', async () => {
    await twoVersions('exp-two');
    await createExperiment(fiftyFifty('two-a', 'exp-two'));
    await createExperiment(fiftyFifty('two-b', 'exp-two'));
    expect((await startExperiment('two-a')).status).toBe(200);
    const second = await startExperiment('two-b');
    expect(second.status).toBe(409);
    expect((await errorOf(second)).message).toContain('two-a');
  });
});

describe('experiments on the run path', () => {
  it('keeps each subject on one arm, records experiment and arm, and sends everyone back to the label when stopped', async () => {
    await twoVersions('exp-run');
    await createExperiment(fiftyFifty('run', 'exp-run'));
    // Before the start, the flow's production label (v1) answers everyone.
    expect((await runAs('exp-run', 'alice')).body.flow.version).toBe(1);
    expect((await startExperiment('run')).status).toBe(200);
    const seen = new Map<string, string | null>();
    for (let i = 0; i < 20; i++) {
      const { res, body, arm } = await runAs('exp-run', `user-${i}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('weir-experiment')).toBe('run');
      expect(String(body.output)).toContain(arm === 'v1' ? 'V1' : 'V2');
      expect(body.flow.version).toBe(arm === 'v1' ? 1 : 2);
      seen.set(`user-${i}`, arm);
    }
    expect(new Set(seen.values())).toEqual(new Set(['v1', 'v2']));
    for (const [subject, arm] of seen) expect((await runAs('exp-run', subject)).arm).toBe(arm);

    const { results } = await env.WEIR_DB.prepare(
      "SELECT experiment_arm AS arm, flow_version AS version, COUNT(*) AS n FROM runs WHERE experiment_id = 'run' GROUP BY 1, 2",
    ).all<{ arm: string; version: string; n: number }>();
    expect(results.reduce((s, r) => s + r.n, 0)).toBe(40);
    for (const r of results) expect(r.version).toBe(r.arm === 'v1' ? '1' : '2');

    const listed = (await (await admin('/v1/runs?flow=exp-run&limit=1')).json()) as {
      runs: { experiment?: { id: string; arm: string } }[];
    };
    expect(listed.runs[0].experiment).toMatchObject({ id: 'run' });
    expect(['v1', 'v2']).toContain(listed.runs[0].experiment?.arm);
    const v2Runs = (await (await admin('/v1/runs?experiment=run&arm=v2&limit=200')).json()) as { runs: { experiment?: { arm: string } }[] };
    expect(v2Runs.runs.length).toBe(2 * [...seen.values()].filter((a) => a === 'v2').length);
    for (const r of v2Runs.runs) expect(r.experiment?.arm).toBe('v2');

    // A pinned request is never part of the experiment.
    const pinned = await call('/v1/flows/exp-run@2/run', { method: 'POST', token: INVOKE, json: { input: { question: 'q' } } });
    expect(pinned.headers.get('weir-experiment')).toBeNull();

    expect((await admin('/v1/experiments/run/stop', { method: 'POST' })).status).toBe(200);
    forgetLive();
    for (const subject of seen.keys()) {
      const after = await runAs('exp-run', subject);
      expect(after.arm).toBeNull();
      expect(after.body.flow.version).toBe(1);
    }
  });

  it('takes the subject from a configured input field, else the caller key', async () => {
    await twoVersions('exp-field');
    await createExperiment(fiftyFifty('field', 'exp-field', { subjectField: 'question' }));
    await startExperiment('field');
    const arms = new Set<string | null>();
    for (let i = 0; i < 12; i++) {
      const first = await runAs('exp-field', undefined, `q${i}`);
      expect((await runAs('exp-field', undefined, `q${i}`)).arm).toBe(first.arm);
      arms.add(first.arm);
    }
    expect(arms.size).toBe(2);
  });

  it('assigns arms on chat completions too', async () => {
    await twoVersions('exp-chat');
    await createExperiment(fiftyFifty('chat', 'exp-chat'));
    await startExperiment('chat');
    const res = await call('/v1/chat/completions', {
      method: 'POST',
      token: INVOKE,
      headers: { 'weir-subject': 'chat-user' },
      json: { model: 'flow:exp-chat', messages: [{ role: 'user', content: 'hello' }] },
    });
    expect(res.status).toBe(200);
    expect(['v1', 'v2']).toContain(res.headers.get('weir-experiment-arm'));
  });

  it('runs a shadow candidate in the background, logged as an experiment run that never answers', async () => {
    await twoVersions('exp-shadow');
    await createExperiment({
      id: 'shadow',
      flowId: 'exp-shadow',
      arms: [
        { name: 'control', ref: 'production', weight: 1 },
        { name: 'none', ref: 1, weight: 0 },
      ],
      shadow: { ref: 2, sample: 1 },
    });
    await startExperiment('shadow');
    const { body } = await runAs('exp-shadow', 'someone');
    expect(String(body.output)).toContain('V1');
    const rows = await env.WEIR_DB.prepare(
      "SELECT source, experiment_arm AS arm, flow_version AS version FROM runs WHERE flow_id = 'exp-shadow'",
    ).all<{
      source: string;
      arm: string;
      version: string;
    }>();
    expect(rows.results).toEqual(
      expect.arrayContaining([
        { source: 'edge', arm: 'control', version: '1' },
        { source: 'experiment', arm: 'shadow', version: '2' },
      ]),
    );
  });
});

describe('racing starts', () => {
  it('lets only one of two experiments started at once run on a flow', async () => {
    await twoVersions('exp-race-start');
    await createExperiment(fiftyFifty('race-a', 'exp-race-start'));
    await createExperiment(fiftyFifty('race-b', 'exp-race-start'));
    const [a, b] = await Promise.all([startExperiment('race-a'), startExperiment('race-b')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const running = (await (await admin('/v1/experiments?flow=exp-race-start&status=running')).json()) as { experiments: unknown[] };
    expect(running.experiments).toHaveLength(1);
  });
});
