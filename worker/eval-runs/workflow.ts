// The Cloudflare Workflow that runs one eval run (binding EVAL_WORKFLOW, started by
// startEvalRun): a step to start, a durable step per chunk of items (retried on failure; after a
// restart the finished steps are not run again, and a step's recorded cells are not re-run), the
// cancelled flag checked before and during every chunk, then a step that builds and stores the
// report. A step that keeps failing marks the run failed with its message.
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from 'cloudflare:workers';
import type { Bindings } from '../http/env';
import { buildStores } from '../http/stores';
import { runChunk } from './chunk';
import { chunkSize, loadRunContext, type RunContext } from './context';
import { evalRunReport } from './report';
import type { EvalWorkflowParams } from './start';
import type { EvalRunStatus } from './types';

const CHUNK_STEP = { retries: { limit: 3, delay: '5 seconds', backoff: 'exponential' }, timeout: '15 minutes' } as const;

export class RunEvalWorkflow extends WorkflowEntrypoint<Bindings, EvalWorkflowParams> {
  async run(event: Readonly<WorkflowEvent<EvalWorkflowParams>>, step: WorkflowStep): Promise<{ status: EvalRunStatus }> {
    const { runId } = event.payload;
    const stores = buildStores(this.env);
    let context: RunContext | undefined;
    const ctx = async () => (context ??= await loadRunContext(this.env, stores, runId));
    try {
      const plan = await step.do('start', async () => {
        const row = await stores.evalRuns.row(runId);
        if (!row || row.status === 'cancelled') return null;
        await stores.evalRuns.setStatus(runId, 'running', ['queued', 'running']);
        const { items, variants } = await ctx();
        const size = chunkSize(items.length, variants.length * row.repeats);
        return { size, chunks: Math.ceil(items.length / size) };
      });
      if (!plan) return { status: 'cancelled' };
      for (let chunk = 0; chunk < plan.chunks; chunk++) {
        const outcome = await step.do(`chunk ${chunk}`, CHUNK_STEP, async () => {
          if ((await stores.evalRuns.status(runId)) !== 'running') return { stopped: true };
          const { cancelled } = await runChunk(this.env, stores, await ctx(), chunk, plan.size);
          return { stopped: cancelled };
        });
        if (outcome.stopped) return { status: 'cancelled' };
      }
      return await step.do('report', async () => {
        if ((await stores.evalRuns.status(runId)) !== 'running') return { status: 'cancelled' as const };
        const finished = await stores.evalRuns.finish(runId, await evalRunReport(stores, await ctx()));
        return { status: finished ? ('done' as const) : ('cancelled' as const) };
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await step.do('mark failed', async () => {
        await stores.evalRuns.setStatus(runId, 'failed', ['queued', 'running'], { error: message.slice(0, 1000) });
      });
      throw err;
    }
  }
}
