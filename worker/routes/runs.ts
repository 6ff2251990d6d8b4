// POST /v1/flows/:id/run (and :id@3, :id@label, :id@draft): runs a flow version (production,
// else latest, else the draft; see http/runnable.ts). JSON answer by default ({runId, flow,
// output, usage, prompts}, plus trace with ?trace=1); server-sent events with
// `Accept: text/event-stream`. A client that goes away aborts the run.
import { Hono, type Context } from 'hono';
import { checkInput, hasErrors, runFlow, type Flow } from '../engine';
import { MAX_RUN_INPUT_BYTES, readJson, requireObject } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError, statusForCode } from '../http/errors';
import { flowInfo, loadRunnable, setRunHeaders } from '../http/runnable';
import { rateLimitRuns } from '../http/rate-limit';
import { startRunContext } from '../http/runtime';
import { tracked } from './in-flight';
import { streamRun } from './run-stream';

export { runsInFlight } from './in-flight';

async function readInput(c: Context<AppEnv>, flow: Flow): Promise<Record<string, unknown>> {
  const body = requireObject(await readJson(c, MAX_RUN_INPUT_BYTES), 'The request body');
  const unknown = Object.keys(body).filter((k) => k !== 'input');
  if (unknown.length)
    throw new ApiError(400, 'invalid_input', `Unknown field(s) ${unknown.map((k) => `"${k}"`).join(', ')}; send {"input": {...}}.`);
  const input = body.input ?? {};
  const problems = checkInput(flow, input);
  if (hasErrors(problems)) throw new ApiError(400, 'invalid_input', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  return input as Record<string, unknown>;
}

export const runRoutes = new Hono<AppEnv>().post('/flows/:id/run', rateLimitRuns, async (c) => {
  const { flow, resolved } = await loadRunnable(c, c.req.param('id'));
  const info = flowInfo(resolved);
  const input = await readInput(c, flow);
  const { runId, controller, ctx } = startRunContext(c);
  if ((c.req.header('accept') ?? '').includes('text/event-stream')) {
    setRunHeaders(c, resolved);
    return streamRun(c, { flow, input, ctx, runId, controller, info });
  }

  const result = await tracked(() => runFlow(flow, input, ctx));
  const withTrace = c.req.query('trace') === '1' || c.req.query('trace') === 'true';
  const trace = withTrace ? { trace: result.trace } : {};
  setRunHeaders(c, resolved, result.prompts);
  if (result.status === 'failed') {
    const error = result.error ?? { code: 'node_failed', message: 'The run failed.' };
    return c.json({ error, runId, flow: info, prompts: result.prompts, ...trace }, statusForCode(error.code));
  }
  return c.json({ runId, flow: info, output: result.output as unknown, usage: result.usage, prompts: result.prompts, ...trace });
});
