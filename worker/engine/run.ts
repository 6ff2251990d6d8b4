// runFlow, the interpreter. Validates, then runs: nodes whose inputs are settled run concurrently
// (capped), untaken branches are skipped (not failed), a failure skips what depends on it and
// fails the run with that node's id. Deadline, per-node timeout and cancellation abort model calls.
import { WeirError, toWeirError } from './errors';
import { buildGraph, type Graph } from './graph';
import { nodeRegistry, type AnyNodeDefinition, type Scope } from './nodes';
import { checkInput } from './input';
import { hasErrors } from './problems';
import { handleOf, type Flow, type FlowEdge } from './schema';
import { streamingNodes } from './streaming';
import { defaultLimits, type RunContext, type RunResult, type TraceEntry } from './types';
import { validateFlow } from './validate';

type State = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

/** Rejects with the signal's reason as soon as it aborts, whatever the promise does. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export interface PreparedFlow {
  flow: Flow;
  defs: Map<string, AnyNodeDefinition>;
  data: Map<string, unknown>;
  graph: Graph;
  streamTo: Set<string>;
}

const prepared = new WeakMap<Flow, PreparedFlow>();

/** Validates once and keeps what every run needs; runs of the same flow object reuse it. */
export function prepareFlow(flow: Flow): PreparedFlow {
  const hit = prepared.get(flow);
  if (hit) return hit;
  const problems = validateFlow(flow);
  if (hasErrors(problems))
    throw new WeirError('invalid_flow', 'the flow is invalid and cannot run', {
      details: { issues: problems.filter((p) => p.severity === 'error') },
    });
  const defs = new Map<string, AnyNodeDefinition>();
  const data = new Map<string, unknown>();
  for (const n of flow.nodes) {
    const def = nodeRegistry.get(n.type)!;
    defs.set(n.id, def);
    data.set(n.id, def.data.parse(n.data));
  }
  const graph = buildGraph(
    flow.nodes.map((n) => n.id),
    flow.edges,
  );
  const plan = { flow, defs, data, graph, streamTo: streamingNodes(flow, defs) };
  prepared.set(flow, plan);
  return plan;
}

/** Runs a flow. Treat a flow object as immutable once run: its validation is cached. */
export async function runFlow(source: Flow | PreparedFlow, input: unknown, ctx: RunContext): Promise<RunResult> {
  const { flow, defs, data, graph, streamTo } = 'defs' in source ? source : prepareFlow(source);
  const inputProblems = checkInput(flow, input);
  if (inputProblems.length)
    throw new WeirError('invalid_input', inputProblems.map((p) => `${p.path}: ${p.message}`).join('; '), {
      details: { issues: inputProblems },
    });

  const limits = { ...defaultLimits, ...ctx.limits };
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

  const state = new Map<string, State>(flow.nodes.map((n) => [n.id, 'pending']));
  const taken = new Map<string, string>();
  const trace = new Map<string, TraceEntry>();
  const scope: Scope = { input: input as Record<string, unknown>, nodes: {} };
  const running = new Map<string, Promise<void>>();
  let executions = 0;
  let failure: WeirError | undefined;
  let answer: { nodeId: string; output: unknown } | undefined;

  const settled = (e: FlowEdge) => ['done', 'skipped', 'failed'].includes(state.get(e.source)!);
  const live = (e: FlowEdge) => state.get(e.source) === 'done' && taken.get(e.source) === handleOf(e);
  const emitEnd = (entry: TraceEntry, summary?: string) =>
    ctx.onEvent?.({
      type: 'node.end',
      nodeId: entry.nodeId,
      nodeType: entry.type,
      status: entry.status,
      durationMs: entry.durationMs ?? 0,
      summary,
      handle: entry.handle,
      error: entry.error,
    });

  const skip = (id: string, error?: TraceEntry['error']) => {
    state.set(id, 'skipped');
    const entry: TraceEntry = { nodeId: id, type: defs.get(id)!.type, status: 'skipped', ...(error ? { error } : {}) };
    trace.set(id, entry);
    emitEnd(entry);
  };

  const execute = async (id: string) => {
    const def = defs.get(id)!;
    const startMs = now() - t0;
    ctx.onEvent?.({ type: 'node.start', nodeId: id, nodeType: def.type, startMs });
    const node = new AbortController();
    const timer = setTimeout(
      () => node.abort(new WeirError('node_timeout', `node "${id}" took longer than ${limits.nodeTimeoutMs} ms`, { nodeId: id })),
      limits.nodeTimeoutMs,
    );
    const onRunAbort = () => node.abort(run.signal.reason);
    run.signal.addEventListener('abort', onRunAbort, { once: true });
    const liveInputs = (graph.in.get(id) ?? []).filter(live).map((e) => e.source);
    try {
      const outcome = await raceAbort(
        def.run({
          id,
          data: data.get(id),
          scope: { input: scope.input, nodes: { ...scope.nodes } },
          liveInputs,
          connectedHandles: new Set((graph.out.get(id) ?? []).map(handleOf)),
          llm: ctx.llm,
          prompts: ctx.prompts,
          signal: node.signal,
          onToken: streamTo.has(id) && ctx.onEvent ? (text) => ctx.onEvent!({ type: 'token', nodeId: id, text }) : undefined,
        }),
        node.signal,
      );
      const entry: TraceEntry = {
        nodeId: id,
        type: def.type,
        status: outcome.status ?? 'ok',
        startMs,
        durationMs: now() - t0 - startMs,
        ...outcome.trace,
        output: outcome.output,
      };
      if (outcome.status === 'fell_back') delete entry.output;
      trace.set(id, entry);
      state.set(id, 'done');
      taken.set(id, outcome.handle ?? 'out');
      scope.nodes[id] = { output: outcome.output };
      if (def.type === 'output' && !answer) answer = { nodeId: id, output: outcome.output };
      emitEnd(entry, summarize(outcome.output));
    } catch (err) {
      const error = toWeirError(err, 'node_failed', id);
      const cancelledByOther = failure !== undefined && run.signal.aborted && run.signal.reason === failure;
      if (cancelledByOther) return skip(id, { code: 'cancelled', message: `cancelled because node "${failure!.nodeId}" failed` });
      const entry: TraceEntry = {
        nodeId: id,
        type: def.type,
        status: 'failed',
        startMs,
        durationMs: now() - t0 - startMs,
        ...error.partialTrace,
        error: { code: error.code, message: error.message },
      };
      trace.set(id, entry);
      state.set(id, 'failed');
      emitEnd(entry);
      if (!failure) {
        failure = new WeirError(error.code, error.message, { nodeId: id });
        if (!run.signal.aborted) run.abort(failure);
      }
    } finally {
      clearTimeout(timer);
      run.signal.removeEventListener('abort', onRunAbort);
    }
  };

  const pump = () => {
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const n of flow.nodes) {
        if (state.get(n.id) !== 'pending') continue;
        const incoming = graph.in.get(n.id) ?? [];
        if (!incoming.every(settled)) continue;
        if (failure || run.signal.aborted || (incoming.length > 0 && !incoming.some(live))) {
          skip(n.id);
          progressed = true;
          continue;
        }
        if (running.size >= limits.maxConcurrency) return;
        if (++executions > limits.maxNodeExecutions) {
          failure = new WeirError('too_many_executions', `the run exceeded ${limits.maxNodeExecutions} node executions`, { nodeId: n.id });
          run.abort(failure);
          skip(n.id);
          progressed = true;
          continue;
        }
        state.set(n.id, 'running');
        const p = execute(n.id).finally(() => running.delete(n.id));
        running.set(n.id, p);
      }
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
  if (!failure && !answer) failure = new WeirError('no_output', 'the run finished without reaching an output node');

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
  return { ...base, status: 'ok', output: answer!.output, outputNodeId: answer!.nodeId };
}

function summarize(output: unknown): string | undefined {
  if (output === undefined || output === null) return undefined;
  const text = typeof output === 'string' ? output : JSON.stringify(output);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
