// executeRun: the one way a flow runs, whoever asks (edge URL, chat completions, the editor, and
// later evals and experiments). It builds the run context from the bindings and stores, runs the
// engine, turns every outcome into an ok | failed RunResult, and records the run in the
// background, after the answer.
import type { Context } from 'hono';
import { WeirError, runFlow, type RunContext, type RunEvent, type RunResult as EngineResult } from '../engine';
import type { AppEnv, Bindings } from '../http/env';
import type { Stores } from '../http/stores';
import { inBackground, type WaitUntil } from './background';
import { tracked } from './in-flight';
import { parseLogMode } from './log/settings';
import type { RunError, RunRequest, RunResult } from './result';
import { flowInfo } from './runnable';
import { limitsFromEnv, providerRuntime } from './runtime';

export interface RunDeps {
  env: Bindings;
  stores: Stores;
  /** Keeps work alive after the answer (the request's ExecutionContext.waitUntil). */
  waitUntil: WaitUntil;
}

/** The request's waitUntil; app.request() without an execution context (some tests) just lets the promise run. */
function waitUntilOf(c: Context<AppEnv>): WaitUntil {
  try {
    const ctx = c.executionCtx;
    return (p) => ctx.waitUntil(p);
  } catch {
    return () => {};
  }
}

export const runDeps = (c: Context<AppEnv>): RunDeps => ({ env: c.env, stores: c.var.stores, waitUntil: waitUntilOf(c) });

/** Engine errors as they are; anything else without its message, which may be internal. */
export function runErrorOf(err: unknown): RunError {
  if (err instanceof WeirError) return { code: err.code, message: err.message, ...(err.nodeId ? { nodeId: err.nodeId } : {}) };
  return { code: 'internal', message: 'Something went wrong inside the worker.' };
}

function toResult(runId: string, req: RunRequest, engine: EngineResult, firstTokenMs: number | undefined): RunResult {
  const base = {
    runId,
    flow: flowInfo(req.resolved),
    usage: engine.usage,
    trace: engine.trace,
    prompts: engine.prompts,
    durationMs: engine.durationMs,
    ...(firstTokenMs !== undefined ? { firstTokenMs } : {}),
  };
  if (engine.status === 'ok') return { ...base, status: 'ok', output: engine.output, outputNodeId: engine.outputNodeId ?? '' };
  return { ...base, status: 'failed', error: engine.error ?? { code: 'node_failed', message: 'The run failed.' } };
}

const afterAnswer = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function executeRun(deps: RunDeps, req: RunRequest): Promise<RunResult> {
  const runId = req.runId ?? crypto.randomUUID();
  const startedAt = Date.now();
  let firstTokenMs: number | undefined;
  const forward = req.onEvent;
  // Only streamed runs pass onEvent: with it, the engine streams model answers token by token.
  const onEvent = forward
    ? (e: RunEvent) => {
        if (e.type === 'token' && firstTokenMs === undefined) firstTokenMs = Date.now() - startedAt;
        forward(e);
      }
    : undefined;
  const ctx: RunContext = {
    llm: providerRuntime(deps.env).client,
    prompts: deps.stores.prompts,
    signal: req.signal,
    limits: limitsFromEnv(deps.env),
    onEvent,
  };
  let result: RunResult;
  try {
    result = toResult(runId, req, await tracked(() => runFlow(req.flow, req.input, ctx)), firstTokenMs);
  } catch (err) {
    const durationMs = Date.now() - startedAt;
    const usage = { inputTokens: 0, outputTokens: 0, calls: 0 };
    result = { runId, flow: flowInfo(req.resolved), usage, trace: [], prompts: [], durationMs, status: 'failed', error: runErrorOf(err) };
  }
  // After the answer, never on its path: a timer turn lets the response go first, and waitUntil
  // keeps the isolate alive for the write.
  const done = result;
  if (parseLogMode(deps.env.RUN_LOG).kind !== 'off')
    inBackground(
      deps.waitUntil,
      afterAnswer()
        .then(() => deps.stores.runs.record(req, done, new Date(startedAt)))
        .then(async (written) => {
          if (written && req.afterRecord) await req.afterRecord(done);
        }),
    );
  return result;
}
