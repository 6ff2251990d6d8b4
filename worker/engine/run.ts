// runFlow, the interpreter. Validates, then runs with a ready queue and in-degree counts (each
// node and edge is handled once, so a run costs O(nodes + edges)): nodes whose inputs are settled
// run concurrently (capped), untaken branches are skipped (not failed), a failure skips what
// depends on it and fails the run with that node's id. Deadline, per-node timeout and cancellation
// abort model calls. It knows no node type: what a node does comes from its definition.
import { WeirError, toWeirError } from './errors';
import type { Scope } from './nodes';
import { checkInput, inputError } from './input';
import { prepareFlow, type PreparedFlow } from './prepare';
import { handleOf, type Flow } from './schema';
import { defaultLimits, type RunContext, type RunLimits, type RunResult, type TraceEntry } from './types';

export { prepareFlow, type PreparedFlow } from './prepare';

/** Rejects with the signal's reason as soon as it aborts, whatever the promise does. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** How long a node may take to settle after its timeout fires (its own fallback, e.g.). */
const TIMEOUT_GRACE_MS = 50;

const outputChars = (output: unknown): number => {
  if (output === undefined || output === null) return 0;
  if (typeof output === 'string') return output.length;
  return JSON.stringify(output)?.length ?? 0;
};

/** Runs a flow. Treat a flow object as immutable once run: its validation is cached. */
export async function runFlow(source: Flow | PreparedFlow, input: unknown, ctx: RunContext): Promise<RunResult> {
  const limits: RunLimits = { ...defaultLimits, ...ctx.limits };
  const { flow, defs, data, graph, streamTo, connected } = 'defs' in source ? source : prepareFlow(source, { maxNodes: limits.maxNodes });
  if (flow.nodes.length > limits.maxNodes)
    throw new WeirError('invalid_flow', `the flow has ${flow.nodes.length} nodes; at most ${limits.maxNodes} can run`);
  const inputProblems = checkInput(flow, input, limits);
  if (inputProblems.length) throw inputError(inputProblems);

  const now = ctx.now ?? (() => Date.now());
  const t0 = now();
  const run = new AbortController();
  const onCancel = () => run.abort(new WeirError('cancelled', 'the client went away; the run was cancelled'));
  if (ctx.signal?.aborted) onCancel();
  ctx.signal?.addEventListener('abort', onCancel, { once: true });
  const deadline = setTimeout(
    () => run.abort(new WeirError('deadline_exceeded', `the run passed its ${limits.deadlineMs} ms deadline`)),
    limits.deadlineMs,
  );

  const ids = flow.nodes.map((n) => n.id);
  /** Incoming edges not yet settled, and how many of the settled ones were taken. */
  const waiting = new Map(ids.map((id) => [id, graph.in.get(id)!.length]));
  const liveIn = new Map(ids.map((id) => [id, 0]));
  const liveSources = new Map<string, string[]>();
  const trace = new Map<string, TraceEntry>();
  const done = new Set<string>();
  const scope: Scope = { input: input as Record<string, unknown>, nodes: {} };
  const running = new Map<string, Promise<void>>();
  const ready = ids.filter((id) => waiting.get(id) === 0);
  let head = 0;
  let executions = 0;
  let failure: WeirError | undefined;

  /** A node is settled: its outgoing edges from `taken` are live, the rest are not. */
  const settle = (id: string, taken?: string) => {
    for (const e of graph.out.get(id)!) {
      if (taken !== undefined && handleOf(e) === taken) {
        liveIn.set(e.target, liveIn.get(e.target)! + 1);
        const list = liveSources.get(e.target);
        if (list) list.push(id);
        else liveSources.set(e.target, [id]);
      }
      const left = waiting.get(e.target)! - 1;
      waiting.set(e.target, left);
      if (left === 0) ready.push(e.target);
    }
  };
  const emitEnd = (entry: TraceEntry, summary?: string, handle = entry.handle) =>
    ctx.onEvent?.({
      type: 'node.end',
      nodeId: entry.nodeId,
      nodeType: entry.type,
      status: entry.status,
      durationMs: entry.durationMs ?? 0,
      summary,
      handle,
      error: entry.error,
    });

  const skip = (id: string, error?: TraceEntry['error']) => {
    const entry: TraceEntry = { nodeId: id, type: defs.get(id)!.type, status: 'skipped', ...(error ? { error } : {}) };
    trace.set(id, entry);
    emitEnd(entry);
    settle(id);
  };

  const fail = (id: string, error: WeirError, startMs: number) => {
    const entry: TraceEntry = {
      nodeId: id,
      type: defs.get(id)!.type,
      status: 'failed',
      startMs,
      durationMs: now() - t0 - startMs,
      ...error.partialTrace,
      error: { code: error.code, message: error.message },
    };
    trace.set(id, entry);
    emitEnd(entry);
    settle(id);
    if (!failure) {
      failure = new WeirError(error.code, error.message, { nodeId: id });
      if (!run.signal.aborted) run.abort(failure);
    }
  };

  const execute = async (id: string) => {
    const def = defs.get(id)!;
    const startMs = now() - t0;
    ctx.onEvent?.({ type: 'node.start', nodeId: id, nodeType: def.type, startMs });
    const node = new AbortController();
    const hard = new AbortController();
    let grace: ReturnType<typeof setTimeout> | undefined;
    const timer = setTimeout(() => {
      const reason = new WeirError('node_timeout', `node "${id}" took longer than ${limits.nodeTimeoutMs} ms`, { nodeId: id });
      node.abort(reason);
      // The node hears its timeout first and may settle on its own (a fine-tuned node falls back).
      grace = setTimeout(() => hard.abort(reason), TIMEOUT_GRACE_MS);
    }, limits.nodeTimeoutMs);
    const onRunAbort = () => {
      node.abort(run.signal.reason);
      hard.abort(run.signal.reason);
    };
    if (run.signal.aborted) onRunAbort();
    run.signal.addEventListener('abort', onRunAbort, { once: true });
    try {
      const outcome = await raceAbort(
        def.run({
          id,
          data: data.get(id),
          scope,
          liveInputs: liveSources.get(id) ?? [],
          connectedHandles: connected.get(id)!,
          llm: ctx.llm,
          prompts: ctx.prompts,
          signal: node.signal,
          limits,
          onToken: streamTo.has(id) && ctx.onEvent ? (text) => ctx.onEvent!({ type: 'token', nodeId: id, text }) : undefined,
        }),
        hard.signal,
      );
      const size = outputChars(outcome.output);
      if (size > limits.maxOutputChars)
        throw new WeirError('output_too_large', `the output of node "${id}" has ${size} characters (limit ${limits.maxOutputChars})`, {
          nodeId: id,
        });
      const entry: TraceEntry = {
        nodeId: id,
        type: def.type,
        status: outcome.status ?? 'ok',
        startMs,
        durationMs: now() - t0 - startMs,
        ...outcome.trace,
        ...(outcome.handle ? { handle: outcome.handle } : {}),
        output: outcome.output,
      };
      if (outcome.status === 'fell_back') delete entry.output;
      trace.set(id, entry);
      done.add(id);
      scope.nodes[id] = { output: outcome.output };
      const taken = outcome.handle ?? 'out';
      emitEnd(entry, summarize(outcome.output), graph.out.get(id)!.length ? taken : entry.handle);
      settle(id, taken);
    } catch (err) {
      const error = toWeirError(err, 'node_failed', id);
      const cancelledByOther = failure !== undefined && run.signal.aborted && run.signal.reason === failure;
      if (cancelledByOther) return skip(id, { code: 'cancelled', message: `cancelled because node "${failure!.nodeId}" failed` });
      fail(id, error, startMs);
    } finally {
      clearTimeout(timer);
      clearTimeout(grace);
      run.signal.removeEventListener('abort', onRunAbort);
    }
  };

  const pump = () => {
    while (head < ready.length) {
      const id = ready[head];
      if (failure || run.signal.aborted || (graph.in.get(id)!.length > 0 && liveIn.get(id) === 0)) {
        head++;
        skip(id);
        continue;
      }
      if (running.size >= limits.maxConcurrency) return;
      head++;
      if (++executions > limits.maxNodes) {
        fail(id, new WeirError('too_many_executions', `the run exceeded ${limits.maxNodes} node executions`, { nodeId: id }), now() - t0);
        continue;
      }
      running.set(
        id,
        execute(id).finally(() => running.delete(id)),
      );
    }
  };

  try {
    pump();
    while (running.size > 0) {
      await Promise.race(running.values());
      pump();
    }
  } finally {
    clearTimeout(deadline);
    ctx.signal?.removeEventListener('abort', onCancel);
  }

  if (!failure && run.signal.aborted) failure = toWeirError(run.signal.reason, 'cancelled');
  if (failure && run.signal.aborted && run.signal.reason !== failure) {
    // The deadline or the client ended the run: that is the run's error, at the node it stopped.
    const reason = toWeirError(run.signal.reason, 'cancelled');
    failure = new WeirError(reason.code, reason.message, { nodeId: failure.nodeId });
  }
  // Deterministic: of the answer nodes that ran, the first in the file's node order answers.
  const answerId = ids.find((id) => defs.get(id)!.answersRun && done.has(id));
  if (!failure && !answerId) failure = new WeirError('no_output', 'the run finished without reaching an output node');

  const entries = flow.nodes.map((n) => trace.get(n.id) ?? { nodeId: n.id, type: n.type, status: 'skipped' as const });
  const usage = { inputTokens: 0, outputTokens: 0, calls: 0 };
  for (const e of entries) {
    if (!e.tokens) continue;
    usage.inputTokens += e.tokens.inputTokens;
    usage.outputTokens += e.tokens.outputTokens;
    usage.calls += 1;
  }
  const prompts = entries.flatMap((e) => (e.prompt ? [e.prompt] : []));
  const base = { usage, trace: entries, prompts, durationMs: now() - t0 };
  if (failure) return { ...base, status: 'failed', error: { code: failure.code, message: failure.message, nodeId: failure.nodeId } };
  return { ...base, status: 'ok', output: scope.nodes[answerId!].output, outputNodeId: answerId };
}

function summarize(output: unknown): string | undefined {
  if (output === undefined || output === null) return undefined;
  const text = typeof output === 'string' ? output : JSON.stringify(output);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
