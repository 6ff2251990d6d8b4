import { describe, expect, inject, it } from 'vitest';
import { admin, call, errorOf, INVOKE, putFlow, simpleFlow } from '../routes/helpers';
import { branchingFlow, run } from '../runs/helpers';

const fakeEnv = () => ({ OPENAI_API_KEY: 'sk-fake-test', OPENAI_BASE_URL: inject('fakeOpenAIUrl') });
const fromRuns = (name: string, json: unknown) => admin(`/v1/datasets/${name}/from-runs`, { method: 'POST', json });
const feedback = (runId: string, json: unknown) => call(`/v1/runs/${runId}/feedback`, { method: 'POST', token: INVOKE, json });

interface Item {
  id: string;
  input?: Record<string, unknown>;
  node?: string;
  messages?: { role: string; content: string }[];
  expected?: unknown;
  rejected?: string;
  tags?: string[];
  split?: string;
  source: { runId: string; nodeId?: string };
  note?: string;
}
interface Answer {
  dataset: { name: string; hash: string; items: number; version: number } | null;
  matched: number;
  added: { id: string; runId: string; nodeId?: string }[];
  present: { id: string; runId: string }[];
  refused: { runId: string; code: string; reason: string; nodeId?: string }[];
}
const items = async (name: string) => ((await (await admin(`/v1/datasets/${name}`)).json()) as { items: Item[] }).items;

describe('datasets from runs', () => {
  it('adds selected runs: the answer as expected, a correction from feedback in its place, failed runs refused', async () => {
    await putFlow(simpleFlow('dfr-flow'));
    await putFlow(simpleFlow('dfr-fail', {}, { model: 'fake-not-found-y' }), fakeEnv());
    const good = (await run('dfr-flow', { question: 'What is E5?' })).body;
    const corrected = (await run('dfr-flow', { question: 'How do I reset?' })).body;
    expect((await feedback(corrected.runId, { thumbs: 'down', correction: 'Hold the side button for 5 s.' })).status).toBe(201);
    const failed = (await run('dfr-fail', { question: 'q' }, { env: fakeEnv() })).body;

    const res = await fromRuns('dfr-basic', { runs: [good.runId, corrected.runId, failed.runId, 'no-such-run'], tags: ['support'], split: 'train' });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Answer;
    expect(answer.added.map((a) => a.runId)).toEqual([good.runId, corrected.runId]);
    expect(answer.refused).toEqual([
      expect.objectContaining({ runId: failed.runId, code: 'run_failed', reason: expect.stringContaining('the run failed') }),
      expect.objectContaining({ runId: 'no-such-run', code: 'not_found' }),
    ]);
    expect(answer.dataset).toMatchObject({ name: 'dfr-basic', items: 2 });

    const [a, b] = await items('dfr-basic');
    expect(a).toMatchObject({ input: { question: 'What is E5?' }, expected: good.output, tags: ['support'], split: 'train', source: { runId: good.runId } });
    expect(b).toMatchObject({ expected: 'Hold the side button for 5 s.', rejected: corrected.output, source: { runId: corrected.runId } });
  });

  it('adding the same runs twice adds nothing and keeps the hash and version', async () => {
    await putFlow(simpleFlow('dfr-twice'));
    const one = (await run('dfr-twice', { question: 'one' })).body;
    const first = (await (await fromRuns('dfr-twice', { runs: [one.runId] })).json()) as Answer;
    const again = (await (await fromRuns('dfr-twice', { runs: [one.runId, one.runId] })).json()) as Answer;
    expect(again.added).toEqual([]);
    expect(again.present).toEqual([expect.objectContaining({ id: first.added[0].id, runId: one.runId })]);
    expect(again.dataset).toMatchObject({ hash: first.dataset!.hash, version: first.dataset!.version, items: 1 });
  });

  it('takes runs by a run-log filter: thumbs-down in the last 7 days of one flow', async () => {
    await putFlow(simpleFlow('dfr-filter'));
    const up = (await run('dfr-filter', { question: 'liked' })).body;
    const down = (await run('dfr-filter', { question: 'disliked' })).body;
    const plain = (await run('dfr-filter', { question: 'no feedback' })).body;
    await feedback(up.runId, { thumbs: 'up' });
    await feedback(down.runId, { thumbs: 'down' });
    const answer = (await (await fromRuns('dfr-filter', { filter: { flow: 'dfr-filter', thumbs: 'down', days: 7 } })).json()) as Answer;
    expect(answer.matched).toBe(1);
    expect(answer.added.map((a) => a.runId)).toEqual([down.runId]);
    const [item] = await items('dfr-filter');
    // Thumbs down without a correction: no answer to learn from, so no expected.
    expect(item.expected).toBeUndefined();
    expect(item.note).toContain('thumbs down');
    expect([up.runId, plain.runId]).not.toContain(item.source.runId);
    // The run list's own filters agree.
    const listed = (await (await admin('/v1/runs?flow=dfr-filter&thumbs=up')).json()) as { runs: { id: string }[] };
    expect(listed.runs.map((r) => r.id)).toEqual([up.runId]);
  });

  it('makes node-level items from a chosen node: the messages it sent and its answer', async () => {
    await putFlow(simpleFlow('dfr-node'));
    const r = (await run('dfr-node', { question: 'Node level?' })).body;
    const answer = (await (await fromRuns('dfr-node', { runs: [r.runId], nodeId: 'answer' })).json()) as Answer;
    expect(answer.added).toEqual([{ id: `run-${r.runId}:answer`, runId: r.runId, nodeId: 'answer' }]);
    const [item] = await items('dfr-node');
    expect(item.node).toBe('answer');
    expect(item.messages!.at(-1)).toEqual({ role: 'user', content: 'Q: Node level?' });
    expect(item.expected).toBe(r.output);
    expect(item.input).toBeUndefined();
    const missing = (await (await fromRuns('dfr-node', { runs: [r.runId], nodeId: 'nope' })).json()) as Answer;
    expect(missing.refused).toEqual([expect.objectContaining({ code: 'node_not_in_run', nodeId: 'nope' })]);
    const noModel = (await (await fromRuns('dfr-node', { runs: [r.runId], nodeId: 'question' })).json()) as Answer;
    expect(noModel.refused).toEqual([expect.objectContaining({ code: 'node_sent_no_messages' })]);
  });

  it('keeps the redaction the run log applied: a masked input stays masked in the dataset', async () => {
    await putFlow(branchingFlow('dfr-redact', 'unused'));
    const input = { question: 'my address is alice@example.com', email: 'alice@example.com' };
    const r = (await run('dfr-redact', input, { env: { RUN_LOG_REDACT: 'email:mask' } })).body;
    await fromRuns('dfr-redact', { runs: [r.runId] });
    const text = await (await admin('/v1/datasets/dfr-redact?format=jsonl')).text();
    expect(text).not.toContain('alice@example.com');
    expect(text).toContain('[redacted]');
  });

  it('refuses bodies that send neither or both of runs and filter, bad node ids and unknown fields with 400', async () => {
    for (const body of [{}, { runs: ['x'], filter: {} }, { runs: [] }, { runs: ['x'], nodeId: '1bad' }, { runs: ['x'], extra: 1 }, { filter: { thumbs: 'sideways' } }]) {
      const res = await fromRuns('dfr-bad', body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('bad_request');
    }
    expect((await fromRuns('Bad Name', { runs: ['x'] })).status).toBe(400);
    expect((await call('/v1/datasets/dfr-bad/from-runs', { method: 'POST', token: INVOKE, json: { runs: ['x'] } })).status).not.toBe(200);
  });

  it('creates no dataset when every run is refused', async () => {
    const answer = (await (await fromRuns('dfr-none', { runs: ['missing-1'] })).json()) as Answer;
    expect(answer.dataset).toBeNull();
    expect(answer.refused).toHaveLength(1);
    expect((await admin('/v1/datasets/dfr-none')).status).toBe(404);
  });

  it('keeps every item when several additions to one dataset race', async () => {
    await putFlow(simpleFlow('dfr-race'));
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await run('dfr-race', { question: `race ${i}` })).body.runId);
    const answers = await Promise.all(ids.map(async (id) => (await (await fromRuns('dfr-race', { runs: [id] })).json()) as Answer));
    expect(answers.flatMap((a) => a.added.map((x) => x.runId)).sort()).toEqual([...ids].sort());
    expect((await items('dfr-race')).map((i) => i.source.runId).sort()).toEqual([...ids].sort());
  });
});
