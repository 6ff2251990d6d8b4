// A job started before `wrangler dev` stops is followed to its model after it starts again on the
// same state. Local Workflows do not resume an instance that was sleeping when the dev server
// stopped (deployed Workflows do), so the test replaces the follower with /follow?force=1, as the
// README says; what was recorded before the restart is kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startFakeOpenAI } from '../helpers/fake-openai';
import { startWeir, type Weir } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'weir-ft-restart-'));
let fake: Awaited<ReturnType<typeof startFakeOpenAI>> | undefined;
let worker: Weir | undefined;
afterAll(async () => {
  await worker?.stop();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

const examples = Array.from({ length: 12 }, (_, i) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `Q${i}` },
      { role: 'assistant', content: `A${i}` },
    ],
  }),
).join('\n');

async function jobStatus(
  w: Weir,
  id: string,
): Promise<{ job: { status: string; fineTunedModel: string | null }; events: { message: string }[] }> {
  const res = await fetch(`${w.url}/v1/finetunes/${id}`, { headers: { authorization: `Bearer ${w.adminToken}` } });
  return (await res.json()) as never;
}

it('keeps following a job across a restart of the worker', async () => {
  fake = await startFakeOpenAI();
  const vars = { TRAINERS: JSON.stringify({ fake: { type: 'openai', baseURL: fake.url, pollSeconds: 1 } }) };
  const stages = ['queued', ...Array(8).fill('running'), 'finishing', 'succeeded'];
  await fetch(new URL('/__control/finetune/plan', fake.url), { method: 'POST', body: JSON.stringify({ model: 'restart-model', stages }) });
  worker = await startWeir(vars, { dir });
  const res = await fetch(`${worker.url}/v1/finetunes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${worker.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ trainer: 'fake', baseModel: 'restart-model', training: examples, suffix: 'restart' }),
  });
  expect(res.status).toBe(201);
  const { job } = (await res.json()) as { job: { id: string } };
  // Let it poll a few times, then stop the worker in the middle of the job.
  for (let i = 0; i < 30 && (await jobStatus(worker, job.id)).job.status !== 'running'; i++) await new Promise((r) => setTimeout(r, 500));
  expect((await jobStatus(worker, job.id)).job.status).toBe('running');
  await worker.stop();
  const readsBefore = fake.requests().length;

  worker = await startWeir(vars, { dir });
  const eventsBefore = (await jobStatus(worker, job.id)).events.length;
  const headers = { authorization: `Bearer ${worker.adminToken}` };
  expect((await fetch(`${worker.url}/v1/finetunes/${job.id}/follow`, { method: 'POST', headers })).status).toBe(409);
  expect((await fetch(`${worker.url}/v1/finetunes/${job.id}/follow?force=1`, { method: 'POST', headers })).status).toBe(202);
  let detail = await jobStatus(worker, job.id);
  for (let i = 0; i < 120 && detail.job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 500));
    detail = await jobStatus(worker, job.id);
  }
  expect(detail.job.status).toBe('succeeded');
  expect(detail.job.fineTunedModel).toMatch(/^ft:restart-model:fake-org:restart:/);
  expect(fake.requests().length).toBeGreaterThanOrEqual(readsBefore);
  expect(detail.events.length).toBeGreaterThan(eventsBefore);
  const registry = (await (
    await fetch(`${worker.url}/v1/models/registry`, { headers: { authorization: `Bearer ${worker.adminToken}` } })
  ).json()) as {
    models: { model: string }[];
  };
  expect(registry.models.map((m) => m.model)).toContain(detail.job.fineTunedModel);
}, 300_000);
