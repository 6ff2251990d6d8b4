// The SSE form of a run: run.start, node.start / node.end / token as they happen, then done or
// error (run.start and done name the flow version; done lists the prompt versions). Writes are
// queued so events keep their order; a closed stream aborts the run.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { WeirError, runFlow, type Flow, type RunContext, type RunEvent } from '../engine';
import type { AppEnv } from '../http/env';
import { orderedSse } from '../http/sse';
import { tracked } from './in-flight';

export interface StreamRunArgs {
  flow: Flow;
  input: Record<string, unknown>;
  ctx: RunContext;
  runId: string;
  controller: AbortController;
  /** The flow version that runs, `{ id, version, hash }`, sent in run.start and done. */
  info: { id: string; version: number | 'draft'; hash: string };
}

/** Engine errors as they are; anything else without its message, which may be internal. */
function errorOf(err: unknown): { code: string; message: string; nodeId?: string } {
  if (err instanceof WeirError) return { code: err.code, message: err.message, ...(err.nodeId ? { nodeId: err.nodeId } : {}) };
  return { code: 'internal', message: 'Something went wrong inside the worker.' };
}

export function streamRun(c: Context<AppEnv>, { flow, input, ctx, runId, controller, info }: StreamRunArgs): Response {
  return streamSSE(
    c,
    (stream) =>
      tracked(async () => {
        stream.onAbort(() => controller.abort());
        const write = orderedSse(stream);
        const send = (event: string, data: unknown) => write(JSON.stringify(data), event);
        await send('run.start', { runId, flowId: flow.id, flow: info });
        const onEvent = (e: RunEvent) => {
          const { type, ...data } = e;
          void send(type, data);
        };
        try {
          const result = await runFlow(flow, input, { ...ctx, onEvent });
          if (result.status === 'ok')
            await send('done', {
              runId,
              flow: info,
              output: result.output,
              usage: result.usage,
              trace: result.trace,
              prompts: result.prompts,
            });
          else await send('error', { runId, flow: info, error: result.error ?? { code: 'node_failed', message: 'The run failed.' } });
        } catch (err) {
          await send('error', { runId, error: errorOf(err) });
        }
      }),
    async (err, stream) => {
      await stream.writeSSE({ event: 'error', data: JSON.stringify({ runId, error: errorOf(err) }) });
    },
  );
}
