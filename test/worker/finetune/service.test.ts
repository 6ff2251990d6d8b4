// The fine-tuning service on the in-memory store: a job is recorded and handed to the Workflow,
// and when the Workflow cannot be started the job is still recorded, with an event that says so.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { startFinetune, type FollowParams } from '../../../worker/finetune/service';
import { memoryFinetuneStore } from '../../../worker/finetune/store/memory';
import { finetuneRequestSchema, type ReadyRequest } from '../../../worker/finetune/request';
import { sftFile } from './helpers';

const request = finetuneRequestSchema.parse({
  trainer: 'fake-openai',
  baseModel: 'gpt-4o-mini-2024-07-18',
  training: sftFile(),
  dataset: { name: 'svc' },
}) as ReadyRequest;
const bindings = env as unknown as Record<string, unknown>;

describe('startFinetune', () => {
  it('records the job and starts one Workflow instance for it', async () => {
    const store = memoryFinetuneStore();
    const created: { id?: string; params?: FollowParams }[] = [];
    const workflow = {
      create: async (opts: { id?: string; params?: FollowParams }) => (created.push(opts), {}),
    } as unknown as Workflow<FollowParams>;
    const { job } = await startFinetune({ store, env: bindings, workflow }, request);
    expect(created).toEqual([{ id: job.workflowId, params: { jobId: job.id } }]);
    expect((await store.getJob(job.id))!.workflowId).toBe(job.workflowId);
    expect((await store.events(job.id)).map((e) => e.id)).toEqual(['weir:created']);
  });

  it('keeps the job and says following failed when the Workflow cannot start', async () => {
    const store = memoryFinetuneStore();
    const workflow = {
      create: async () => {
        throw new Error('workflow quota reached');
      },
    } as unknown as Workflow<FollowParams>;
    const { job } = await startFinetune({ store, env: bindings, workflow }, request);
    expect(job.workflowId).toBeNull();
    const events = await store.events(job.id);
    expect(events.at(-1)).toMatchObject({ id: 'weir:follow-failed', level: 'error' });
    expect(events.at(-1)!.message).toContain('workflow quota reached');
  });
});
