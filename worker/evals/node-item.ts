// Runs a node-level item: the messages a node sent, replayed to that node's model (as the
// variant configures it: model, provider, temperature, system message, response format), as one
// model call with a one-entry trace. This is how a fine-tune is compared with a prompted base
// model on exactly the training distribution.
import { WeirError, toWeirError } from '../engine/errors';
import { parseJsonAnswer } from '../engine/nodes/model-call';
import type { Flow } from '../engine/schema';
import type { ChatMessage, LlmClient, PromptResolver, ResponseFormat, RunResult } from '../engine/types';
import type { DatasetItem } from '../datasets/schema';

interface NodeData {
  model?: string;
  provider?: string;
  system?: string;
  temperature?: number;
  maxTokens?: number;
  responseFormat?: ResponseFormat;
  prompt?: { ref: string } | { text: string };
}

export async function runNodeItem(
  flow: Flow,
  item: DatasetItem,
  nodeId: string,
  ctx: { llm: LlmClient; prompts: PromptResolver; signal: AbortSignal; systemOverride?: string | null; now: () => number },
): Promise<RunResult> {
  const t0 = ctx.now();
  const node = flow.nodes.find((n) => n.id === nodeId);
  const base = { usage: { inputTokens: 0, outputTokens: 0, calls: 0 }, prompts: [] };
  if (!node || (node.type !== 'prompt' && node.type !== 'finetuned')) {
    const error = { code: 'node_failed', message: `flow "${flow.id}" has no model node "${nodeId}" for this node-level item`, nodeId };
    return { ...base, status: 'failed', trace: [], error, durationMs: ctx.now() - t0 };
  }
  const data = node.data as NodeData;
  let messages: ChatMessage[] = [...(item.messages ?? [])];
  if (ctx.systemOverride !== undefined) {
    messages = messages.filter((m) => m.role !== 'system');
    if (ctx.systemOverride) messages.unshift({ role: 'system', content: ctx.systemOverride });
  }
  const format: ResponseFormat = data.responseFormat ?? { type: 'text' };
  const entry = { nodeId, type: node.type, startMs: 0, messages, provider: data.provider ?? 'default', model: data.model };
  try {
    let model = data.model;
    if (!model && data.prompt && 'ref' in data.prompt) model = (await ctx.prompts.resolve(data.prompt.ref, ctx.signal)).model;
    if (!model) throw new WeirError('node_failed', `node "${nodeId}" has no model`, { nodeId });
    const response = await ctx.llm.complete({
      provider: data.provider ?? 'default',
      model,
      messages,
      temperature: data.temperature,
      maxTokens: data.maxTokens,
      responseFormat: format,
      signal: ctx.signal,
    });
    const output = format.type === 'json' ? parseJsonAnswer(response.text, format) : response.text;
    const durationMs = ctx.now() - t0;
    const trace = [{ ...entry, status: 'ok' as const, durationMs, output, model: response.model, provider: response.provider, tokens: response.usage, attempts: response.attempts }];
    return { ...base, status: 'ok', output, outputNodeId: nodeId, usage: { ...response.usage, calls: 1 }, trace, durationMs };
  } catch (err) {
    const e = toWeirError(err, 'provider_error', nodeId);
    const durationMs = ctx.now() - t0;
    return { ...base, status: 'failed', trace: [{ ...entry, status: 'failed', durationMs, error: { code: e.code, message: e.message } }], error: { code: e.code, message: e.message, nodeId }, durationMs };
  }
}
