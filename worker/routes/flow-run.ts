// POST /v1/flows/:id/run (and :id@3, :id@label, :id@draft): the flow's edge URL. Runs a flow
// version (production, else latest, else the draft; see runs/runnable.ts) through the run
// service. JSON answer by default ({runId, flow, output, usage, prompts}, plus trace with
// ?trace=1); server-sent events with `Accept: text/event-stream`. A client that goes away aborts the run.
import { Hono, type Context } from 'hono';
import { checkInput, hasErrors, inputError, type Flow } from '../engine';
import { MAX_RUN_INPUT_BYTES, readJson, requireObject } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError, statusForCode } from '../http/errors';
import { rateLimitRuns } from '../http/rate-limit';
import { executeRun, runDeps } from '../runs/execute';
import type { RunRequest, RunSource } from '../runs/result';
import { flowInfo, loadRunnable, setRunHeaders } from '../runs/runnable';
import { enforceBudget } from '../runs/budget';
import { streamRun } from '../runs/stream';
import { canSeeTrace, traceForbidden } from '../runs/visibility';
import { chooseArm, experimentOf, runShadow, setExperimentHeaders } from '../experiments/choose';

async function readInput(c: Context<AppEnv>, flow: Flow): Promise<Record<string, unknown>> {
  const body = requireObject(await readJson(c, MAX_RUN_INPUT_BYTES), 'The request body');
  const unknown = Object.keys(body).filter((k) => k !== 'input');
  if (unknown.length)
    throw new ApiError(400, 'invalid_input', `Unknown field(s) ${unknown.map((k) => `"${k}"`).join(', ')}; send {"input": {...}}.`);
  const input = body.input ?? {};
  const problems = checkInput(flow, input);
  if (hasErrors(problems)) throw inputError(problems);
  return input as Record<string, unknown>;
}

/** The editor (and later evals) say where a run comes from; only the admin token may, others are "edge". */
function sourceOf(c: Context<AppEnv>, admin: boolean): RunSource {
  const said = c.req.header('weir-source');
  return admin && (said === 'editor' || said === 'eval' || said === 'experiment') ? said : 'edge';
}

export const flowRunRoutes = new Hono<AppEnv>().post('/flows/:id/run', rateLimitRuns, async (c) => {
  const loaded = await loadRunnable(c, c.req.param('id'));
  const input = await readInput(c, loaded.flow);
  const chosen = await chooseArm(c, loaded, input);
  const { flow, resolved, who, ref } = chosen.runnable;
  await enforceBudget(c, flow, who);
  const deps = runDeps(c);
  const source = sourceOf(c, who.caller === 'admin');
  const req: RunRequest = { flow, resolved, input, who, ref, source, signal: c.req.raw.signal, ...experimentOf(chosen) };
  setExperimentHeaders(c, chosen);
  runShadow(deps, req, chosen);
  const withTrace = c.req.query('trace') === '1' || c.req.query('trace') === 'true';
  const traceAllowed = canSeeTrace(who, flow);
  if (withTrace && !traceAllowed) throw traceForbidden();
  if ((c.req.header('accept') ?? '').includes('text/event-stream')) {
    setRunHeaders(c, resolved);
    return streamRun(c, deps, req, traceAllowed);
  }

  const result = await executeRun(deps, req);
  const info = flowInfo(resolved);
  const trace = withTrace ? { trace: result.trace } : {};
  setRunHeaders(c, resolved, result.prompts);
  if (result.status === 'failed')
    return c.json(
      { error: result.error, runId: result.runId, flow: info, prompts: result.prompts, ...trace },
      statusForCode(result.error.code),
    );
  return c.json({ runId: result.runId, flow: info, output: result.output, usage: result.usage, prompts: result.prompts, ...trace });
});
