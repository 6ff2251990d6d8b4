// An eval's flow run as a run in the run log (source `eval`), through the run log's own writer, so
// it opens with GET /v1/runs/:id like any other run. Returns the run id, or null when RUN_LOG
// (errors only, a sample, off) did not keep it.
import type { DatasetItem } from '../datasets/schema';
import type { RunRecord } from '../evals/run-eval';
import type { Stores } from '../http/stores';
import type { RunRequest, RunResult } from '../runs/result';
import type { RunVariant } from './run-rows';

export const runInput = (item: DatasetItem): Record<string, unknown> => (item.messages ? { messages: item.messages } : (item.input ?? {}));

export async function logEvalRun(
  stores: Stores,
  variant: RunVariant,
  item: DatasetItem,
  record: RunRecord,
  startedAt: number,
): Promise<string | null> {
  const runId = crypto.randomUUID();
  const { info } = variant;
  const req: RunRequest = {
    flow: variant.flow,
    resolved: { ...info, parsed: { flow: variant.flow, problems: [], valid: true }, public: false },
    input: runInput(item),
    source: 'eval',
    who: { caller: 'admin' },
    ref: String(info.version),
  };
  const base = {
    runId,
    flow: info,
    usage: record.usage,
    trace: record.trace,
    prompts: record.prompts ?? [],
    durationMs: record.latencyMs,
    ...(record.ttftMs !== undefined ? { firstTokenMs: record.ttftMs } : {}),
  };
  const result: RunResult =
    record.status === 'ok'
      ? { ...base, status: 'ok', output: record.output, outputNodeId: record.outputNodeId ?? '' }
      : { ...base, status: 'failed', error: record.error ?? { code: 'node_failed', message: 'The run failed.' } };
  return (await stores.runs.record(req, result, new Date(startedAt))) ? runId : null;
}
