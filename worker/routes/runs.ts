// POST /v1/flows/:id/run: runs a stored flow. JSON answer by default ({runId, output, usage},
// plus trace with ?trace=1); server-sent events with `Accept: text/event-stream`. A client that
// goes away aborts the run.
import { Hono, type Context } from 'hono';
import { checkInput, hasErrors, parseFlow, runFlow, type Flow, type RunContext } from '../engine';
import { identify, unauthorized } from '../http/auth';
import { MAX_RUN_INPUT_BYTES, readJson, requireObject } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError, statusForCode } from '../http/errors';
import { limitsFromEnv, providerRuntime } from '../http/runtime';
import { flowStore, promptStore } from '../store';
import { tracked } from './in-flight';
import { streamRun } from './run-stream';

export { runsInFlight } from './in-flight';

/** Loads the flow and checks the caller may run it; private flows do not reveal whether they exist. */
async function loadRunnable(c: Context<AppEnv>, id: string): Promise<Flow> {
  const caller = await identify(c);
  const allowed = caller === 'admin' || caller === 'invoker';
  const stored = await flowStore(c.env.WEIR_KV).get(id);
  const denied = () => {
    c.header('WWW-Authenticate', 'Bearer realm="weir"');
    return caller === 'anonymous'
      ? unauthorized('Running this flow needs "Authorization: Bearer <invoke key>".')
      : unauthorized('The bearer token is not a valid invoke key.');
  };
  if (!stored) throw allowed ? new ApiError(404, 'not_found', `No flow with id "${id}".`) : denied();
  if (!allowed && !stored.metadata.public) throw denied();
  const parsed = parseFlow(stored.text);
  if (!parsed.flow || !parsed.valid) {
    // The stored text, not the metadata, decides: a public draft that does not parse is still refused.
    if (!allowed && parsed.flow?.public !== true) throw denied();
    throw new ApiError(
      422,
      'invalid_flow',
      `Flow "${id}" is a draft with problems and cannot run.`,
      parsed.problems.filter((p) => p.severity === 'error'),
    );
  }
  if (!allowed && parsed.flow.public !== true) throw denied();
  return parsed.flow;
}

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

export const runRoutes = new Hono<AppEnv>().post('/flows/:id/run', async (c) => {
  const flow = await loadRunnable(c, c.req.param('id'));
  const input = await readInput(c, flow);
  const runId = crypto.randomUUID();
  const controller = new AbortController();
  c.req.raw.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const ctx: RunContext = {
    llm: providerRuntime(c.env).client,
    prompts: promptStore(c.env.WEIR_KV),
    signal: controller.signal,
    limits: limitsFromEnv(c.env),
  };
  if ((c.req.header('accept') ?? '').includes('text/event-stream')) return streamRun(c, { flow, input, ctx, runId, controller });

  const result = await tracked(() => runFlow(flow, input, ctx));
  const withTrace = c.req.query('trace') === '1' || c.req.query('trace') === 'true';
  const trace = withTrace ? { trace: result.trace } : {};
  if (result.status === 'failed') {
    const error = result.error ?? { code: 'node_failed', message: 'The run failed.' };
    return c.json({ error, runId, ...trace }, statusForCode(error.code));
  }
  return c.json({ runId, output: result.output as unknown, usage: result.usage, prompts: result.prompts, ...trace });
});
