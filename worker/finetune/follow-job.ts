// The Cloudflare Workflow that follows one fine-tuning job: poll (a durable step: status, events,
// checkpoints with loss into D1), sleep, repeat until the job ends, then register the tuned model
// and start the three-way eval of the job's target (three-way-start.ts).
// Completed steps are not re-run after a restart, and recording is idempotent when a step retries.
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from 'cloudflare:workers';
import { NonRetryableError } from 'cloudflare:workflows';
import type { Bindings } from '../http/env';
import { pollJob, registerModel, type PollResult } from './poll';
import { startThreeWay } from './three-way-start';
import type { FollowParams } from './service';
import { d1FinetuneStore } from './store/d1';
import { TrainerError } from './trainer';
import { createTrainer, trainerSpecsFromEnv } from './trainer-config';

/** Polls before the Workflow ends on its own (restart it with POST /v1/finetunes/:id/follow). */
export const MAX_POLLS = 400;
const MAX_INTERVAL_S = 900;

/** Waits grow with the job's age: every 30 polls the interval grows by the base, up to 15 minutes. */
export const pollInterval = (baseSeconds: number, poll: number) => Math.min(baseSeconds * (1 + Math.floor(poll / 30)), MAX_INTERVAL_S);

export class FollowFinetuneJob extends WorkflowEntrypoint<Bindings, FollowParams> {
  async run(
    event: Readonly<WorkflowEvent<FollowParams>>,
    step: WorkflowStep,
  ): Promise<PollResult & { polls: number; registered: string | null; evalRunId: string | null }> {
    const { jobId } = event.payload;
    const store = d1FinetuneStore(this.env.WEIR_DB);
    const context = async () => {
      const job = await store.getJob(jobId);
      if (!job) throw new NonRetryableError(`no fine-tuning job ${jobId}`);
      const spec = trainerSpecsFromEnv(this.env)[job.trainer];
      if (!spec) throw new NonRetryableError(`trainer ${job.trainer} is no longer configured`);
      return { job, spec, trainer: createTrainer(job.trainer, spec) };
    };
    const base = await step.do('read settings', async () => {
      const { spec } = await context();
      return { pollSeconds: spec.pollSeconds ?? 60 };
    });
    let last: PollResult | undefined;
    let polls = 0;
    for (let poll = 1; poll <= MAX_POLLS; poll++) {
      polls = poll;
      last = await step.do(
        `poll ${poll}`,
        { retries: { limit: 6, delay: '15 seconds', backoff: 'exponential' }, timeout: '2 minutes' },
        async () => {
          const { trainer } = await context();
          try {
            return await pollJob(store, trainer, jobId);
          } catch (err) {
            // A refused key or a job the provider no longer knows will not get better by retrying.
            if (err instanceof TrainerError && (err.code === 'trainer_auth' || err.code === 'trainer_not_found')) {
              const at = new Date().toISOString();
              await store.addEvents(jobId, [
                { id: `weir:follow-stopped:${err.code}`, at, level: 'error', message: `stopped following: ${err.message}`, type: 'follow' },
              ]);
              throw new NonRetryableError(err.message);
            }
            throw err;
          }
        },
      );
      if (last.terminal) break;
      await step.sleep(`wait ${poll}`, pollInterval(base.pollSeconds, poll) * 1000);
    }
    if (!last?.terminal)
      await step.do('note still running', async () => {
        await store.addEvents(jobId, [
          {
            id: `weir:follow-paused:${event.instanceId}`,
            at: new Date().toISOString(),
            level: 'warning',
            message: `stopped following after ${polls} polls; POST /v1/finetunes/${jobId}/follow resumes`,
            type: 'follow',
          },
        ]);
      });
    const registered =
      last?.status === 'succeeded'
        ? await step.do('register model', async () => {
            const { spec } = await context();
            return (await registerModel(store, jobId, spec))?.model ?? null;
          })
        : null;
    // The technique comparison runs by itself: the three-way eval on the target's test split.
    const evaluation = registered
      ? await step
          .do('start three-way eval', { retries: { limit: 3, delay: '10 seconds', backoff: 'exponential' } }, async () =>
            startThreeWay(this.env, store, jobId),
          )
          .catch(async (err: unknown) => {
            // The model is registered whatever happens here; say why there is no eval rather than fail the follower.
            const error = `the three-way eval did not start: ${err instanceof Error ? err.message : String(err)}; POST /v1/finetunes/${jobId}/evaluate retries`;
            await store.updateJob(jobId, { evalError: error }).catch(() => undefined);
            return { evalRunId: null, error };
          })
      : null;
    return { ...last!, polls, registered, evalRunId: evaluation?.evalRunId ?? null };
  }
}
