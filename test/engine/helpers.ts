// Small builders for engine tests: flows from node/edge lists, a scriptable in-process model
// client (the engine's injected context, not a network double) and a prompt resolver.
import {
  LlmError,
  WeirError,
  type Flow,
  type LlmClient,
  type LlmRequest,
  type PromptResolver,
  type ResolvedPrompt,
} from '../../worker/engine';

type NodeSpec = { id: string; type: string; data?: Record<string, unknown> };
type EdgeSpec = [source: string, target: string, sourceHandle?: string];

export function makeFlow(nodes: NodeSpec[], edges: EdgeSpec[], extra: Partial<Flow> = {}): Flow {
  return {
    version: 1,
    id: 'test-flow',
    name: 'Test flow',
    input: { fields: { question: { type: 'string', required: true } } },
    nodes: nodes.map((n, i) => ({ id: n.id, type: n.type, position: { x: i * 100, y: 0 }, data: n.data ?? {} })),
    edges: edges.map(([source, target, sourceHandle]) => ({ source, target, ...(sourceHandle ? { sourceHandle } : {}) })),
    ...extra,
  };
}

export interface ScriptedLlm extends LlmClient {
  calls: LlmRequest[];
  maxConcurrent: number;
}

/** Answers by model: a string, a function of the request, or an error to throw. Tracks concurrency. */
export function scriptedLlm(
  script: Record<string, string | Error | ((req: LlmRequest) => string | Promise<string>)> = {},
  delayMs = 0,
): ScriptedLlm {
  let active = 0;
  const llm: ScriptedLlm = {
    calls: [],
    maxConcurrent: 0,
    async complete(req) {
      llm.calls.push(req);
      active++;
      llm.maxConcurrent = Math.max(llm.maxConcurrent, active);
      try {
        if (delayMs) await sleep(delayMs, req.signal);
        const entry = script[req.model];
        if (entry instanceof Error) throw entry;
        const text = typeof entry === 'function' ? await entry(req) : (entry ?? `answer from ${req.model}`);
        for (const word of text.split(/(?<= )/)) req.onToken?.(word);
        return { text, model: req.model, provider: req.provider, usage: { inputTokens: 7, outputTokens: 3 }, attempts: 1 };
      } finally {
        active--;
      }
    },
  };
  return llm;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    });
  });
}

export function staticPrompts(prompts: Record<string, ResolvedPrompt>): PromptResolver {
  return {
    async resolve(ref) {
      const hit = prompts[ref];
      if (!hit) throw new WeirError('prompt_not_found', `no prompt ${ref}`);
      return hit;
    },
  };
}

export const notFound = () => new LlmError('provider_model_not_found', 'The model does not exist', { status: 404 });
