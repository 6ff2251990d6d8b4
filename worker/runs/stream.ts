// The SSE form of a run on the edge URL: run.start, node.start / node.end / token as they happen,
// then done or error (run.start and done name the flow version; done lists the prompt versions).
// Writes are queued so events keep their order; a closed stream aborts the run.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { RunEvent } from '../engine';
import type { AppEnv } from '../http/env';
import { orderedSse } from '../http/sse';
import { executeRun, runErrorOf, type RunDeps } from './execute';
import type { RunRequest } from './result';
import { flowInfo } from './runnable';
import { publicEvent } from './visibility';

/** `withTrace`: the caller may see traces (see visibility.ts); otherwise node events lose their details and done its trace. */
export function streamRun(c: Context<AppEnv>, deps: RunDeps, req: RunRequest, withTrace: boolean): Response {
  const runId = req.runId ?? crypto.randomUUID();
  const info = flowInfo(req.resolved);
  return streamSSE(
    c,
    async (stream) => {
      const controller = new AbortController();
      stream.onAbort(() => controller.abort());
      req.signal?.addEventListener('abort', () => controller.abort(), { once: true });
      const write = orderedSse(stream);
      const send = (event: string, data: unknown) => write(JSON.stringify(data), event);
      // Queued, not awaited: the run is under way (and counted in flight) by the time a client reads run.start.
      void send('run.start', { runId, flowId: info.id, flow: info });
      const onEvent = (event: RunEvent) => {
        const { type, ...data } = withTrace ? event : publicEvent(event);
        void send(type, data);
      };
      const result = await executeRun(deps, { ...req, runId, signal: controller.signal, onEvent });
      if (result.status === 'ok')
        await send('done', {
          runId,
          flow: info,
          output: result.output,
          usage: result.usage,
          prompts: result.prompts,
          ...(withTrace ? { trace: result.trace } : {}),
        });
      else await send('error', { runId, flow: info, error: result.error });
    },
    async (err, stream) => {
      await stream.writeSSE({ event: 'error', data: JSON.stringify({ runId, error: runErrorOf(err) }) });
    },
  );
}
