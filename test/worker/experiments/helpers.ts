// A flow with two published versions whose answers say which one ran, and experiment calls.
import { backgroundSettled } from '../../../worker/runs/background';
import { forgetLive } from '../../../worker/experiments/live';
import { isolateFlowCache } from '../../../worker/store/flow-resolve';
import { admin, call, INVOKE, putFlow, simpleFlow } from '../routes/helpers';

/** v1 answers "V1 ...", v2 answers "V2 ..." (echo provider); production is v1. */
export async function twoVersions(id: string, v2Model = 'test-model'): Promise<void> {
  await putFlow(simpleFlow(id, {}, { prompt: { text: 'V1 {{input.question}}' } }));
  await admin(`/v1/flows/${id}/versions`, { method: 'POST' });
  await putFlow(simpleFlow(id, {}, { model: v2Model, prompt: { text: 'V2 {{input.question}}' } }));
  await admin(`/v1/flows/${id}/versions`, { method: 'POST' });
  await admin(`/v1/flows/${id}/labels/production`, { method: 'PUT', json: { version: 1 } });
  isolateFlowCache.clear();
}

export async function createExperiment(body: Record<string, unknown>): Promise<Response> {
  return admin('/v1/experiments', { method: 'POST', json: body });
}

export async function startExperiment(id: string): Promise<Response> {
  const res = await admin(`/v1/experiments/${id}/start`, { method: 'POST' });
  forgetLive();
  return res;
}

/** Two published versions of `flowId` and a started experiment splitting them evenly (v1 against v2). */
export async function evenSplit(id: string, flowId: string): Promise<void> {
  await twoVersions(flowId);
  await createExperiment({
    id,
    flowId,
    arms: [
      { name: 'v1', ref: 1, weight: 1 },
      { name: 'v2', ref: 2, weight: 1 },
    ],
  });
  await startExperiment(id);
}

export async function runAs(flowId: string, subject: string | undefined, question = 'hi') {
  const headers = subject ? { 'weir-subject': subject } : undefined;
  const res = await call(`/v1/flows/${flowId}/run`, { method: 'POST', token: INVOKE, json: { input: { question } }, headers });
  const body = (await res.json()) as { runId: string; output?: unknown; flow: { version: number } };
  await backgroundSettled();
  return { res, body, arm: res.headers.get('weir-experiment-arm') };
}
