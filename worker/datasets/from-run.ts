// A logged run as a dataset item: the flow's input (as the run log stored it, redacted when
// RUN_LOG_REDACT applied) with the answer, or a corrected one from feedback, as `expected`; or,
// for a chosen node, the messages that node sent and its answer. Failed runs are refused.
import type { RunDetail } from '../runs/log/api-types';
import type { ChatMessageItem, DatasetItem, SplitName } from './schema';

export interface FromRunOptions {
  /** Node-level item: the node whose messages and answer to take. */
  nodeId?: string;
  tags?: string[];
  split?: SplitName;
}

export type FromRunResult = { item: DatasetItem } | { refused: { runId: string; nodeId?: string; code: string; reason: string } };

/** Stable: adding the same run (and node) twice gives the same id, so it is not added twice. */
export const itemIdFor = (runId: string, nodeId?: string): string => `run-${runId}${nodeId ? `:${nodeId}` : ''}`;

/** The newest correction sent as feedback; JSON corrections were stored as JSON text. */
function correctionOf(run: RunDetail): { value: unknown } | undefined {
  const score = run.scores.filter((s) => s.name === 'correction' && s.text !== null).at(-1);
  if (!score) return undefined;
  const text = score.text!;
  if (/^\s*[[{]/.test(text) && typeof run.output !== 'string') {
    try {
      return { value: JSON.parse(text) };
    } catch {
      // a text correction that happens to start with a bracket
    }
  }
  return { value: text };
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const chatRoles = new Set(['system', 'user', 'assistant']);

export function itemFromRun(run: RunDetail, opts: FromRunOptions = {}): FromRunResult {
  const refuse = (code: string, reason: string): FromRunResult => ({
    refused: { runId: run.id, ...(opts.nodeId ? { nodeId: opts.nodeId } : {}), code, reason },
  });
  if (run.status === 'failed')
    return refuse('run_failed', `the run failed (${run.error?.code ?? 'failed'}${run.error?.message ? `: ${run.error.message}` : ''})`);
  const correction = correctionOf(run);
  const thumbsDown = run.feedback.thumbs === 'down';
  const notes = [`from run ${run.id} of ${run.flow.id}@${run.flow.version}`];
  if (run.redacted) notes.push('input redacted by RUN_LOG_REDACT');
  const common = {
    ...(opts.tags?.length ? { tags: [...new Set(opts.tags)] } : {}),
    ...(opts.split ? { split: opts.split } : {}),
  };

  if (!opts.nodeId) {
    // A thumbs-down answer without a correction is no answer to learn from: the item keeps the input only.
    const expected = correction ? correction.value : thumbsDown ? undefined : run.output;
    if (!correction && thumbsDown) notes.push('thumbs down, no correction: expected left out');
    const rejected = correction && typeof run.output === 'string' && !sameValue(run.output, correction.value) ? run.output : undefined;
    return {
      item: {
        id: itemIdFor(run.id),
        input: run.input,
        ...(expected !== undefined ? { expected } : {}),
        ...(rejected !== undefined ? { rejected } : {}),
        ...common,
        source: { runId: run.id },
        note: notes.join('; '),
      },
    };
  }

  const entry = run.trace.find((t) => t.nodeId === opts.nodeId);
  if (!entry) return refuse('node_not_in_run', `node "${opts.nodeId}" is not in this run's trace`);
  if (entry.status !== 'ok')
    return refuse('node_not_ok', `node "${opts.nodeId}" did not answer in this run (${entry.status})`);
  const messages = (entry.messages ?? []).filter((m) => chatRoles.has(m.role)) as ChatMessageItem[];
  if (!messages.length) return refuse('node_sent_no_messages', `node "${opts.nodeId}" sent no messages to a model in this run`);
  // The feedback corrects the run's answer: it applies to the node only when the node gave that answer.
  const answered = sameValue(entry.output, run.output);
  const expected = correction && answered ? correction.value : thumbsDown && answered ? undefined : entry.output;
  if (expected === undefined) notes.push('thumbs down, no correction: expected left out');
  const rejected = correction && answered && typeof entry.output === 'string' && !sameValue(entry.output, expected) ? entry.output : undefined;
  return {
    item: {
      id: itemIdFor(run.id, opts.nodeId),
      node: opts.nodeId,
      messages,
      ...(expected !== undefined ? { expected } : {}),
      ...(rejected !== undefined ? { rejected } : {}),
      ...common,
      source: { runId: run.id, nodeId: opts.nodeId },
      note: notes.join('; '),
    },
  };
}
