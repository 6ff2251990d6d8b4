// POST /v1/chat/completions: flows as OpenAI models. `model: "flow:<id>"` (or `flow:<id>@<label|n>`)
// runs that flow with the conversation mapped to its input; the answer is a chat completion, or
// `chat.completion.chunk` SSE with `stream: true`. Same keys and version resolution as the edge URL.
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { checkInput, hasErrors, type Flow, type RunEvent } from '../engine';
import { readJson } from '../http/body';
import type { AppEnv } from '../http/env';
import { orderedSse } from '../http/sse';
import { ApiError, statusForCode, toErrorResponse } from '../http/errors';
import {
  chatInput,
  chatRequest,
  chatUsage,
  chunk,
  completion,
  contentOf,
  MAX_CHAT_BYTES,
  openAiError,
  tokensAreAnswer,
} from '../http/openai';
import type { ChatRequest, CompletionBase } from '../http/openai';
import { enforceBudget } from '../runs/budget';
import { executeRun, runDeps, type RunDeps } from '../runs/execute';
import type { RunRequest } from '../runs/result';
import { flowInfo, loadRunnable, setRunHeaders, type Runnable } from '../runs/runnable';
import { enforceRateLimits } from '../http/rate-limit';
import type { ResolvedFlow } from '../store';
import { zodProblems } from '../store/problem';
import { chooseArm, experimentOf, runShadow, setExperimentHeaders } from '../experiments/choose';

/** The flow a model name means; any other model is OpenAI's model_not_found. */
async function loadModel(c: Context<AppEnv>, model: string): Promise<Runnable> {
  const notFound = () =>
    new ApiError(404, 'model_not_found', `The model "${model}" does not exist; Weir serves flows as models named "flow:<id>".`);
  if (!model.startsWith('flow:')) throw notFound();
  try {
    return await loadRunnable(c, model.slice('flow:'.length));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.code === 'bad_request')) throw notFound();
    throw err;
  }
}

function readInput(flow: Flow, req: ChatRequest): Record<string, unknown> {
  const input = chatInput(flow, req);
  if (!input) throw new ApiError(400, 'invalid_input', 'The messages need at least one message with role "user".');
  const problems = checkInput(flow, input);
  if (hasErrors(problems)) {
    const detail = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new ApiError(400, 'invalid_input', `The conversation does not fit flow "${flow.id}"'s input (${detail}).`, problems);
  }
  return input;
}

const weirInfo = (runId: string, resolved: ResolvedFlow, prompts?: unknown) => ({
  runId,
  flow: flowInfo(resolved),
  ...(prompts ? { prompts } : {}),
});

function streamChat(c: Context<AppEnv>, deps: RunDeps, req: RunRequest & { runId: string }, base: CompletionBase, chat: ChatRequest) {
  const { flow, resolved, runId } = req;
  return streamSSE(c, async (stream) => {
    const controller = new AbortController();
    stream.onAbort(() => controller.abort());
    req.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const write = orderedSse(stream);
    const send = (data: unknown) => write(typeof data === 'string' ? data : JSON.stringify(data));
    void send(chunk(base, { role: 'assistant', content: '' }));
    let streamed = '';
    const forward = tokensAreAnswer(flow);
    const onEvent = (e: RunEvent) => {
      if (e.type !== 'token' || !forward) return;
      streamed += e.text;
      void send(chunk(base, { content: e.text }));
    };
    try {
      const result = await executeRun(deps, { ...req, signal: controller.signal, onEvent });
      if (result.status === 'ok') {
        const content = contentOf(result.output);
        // Whatever the tokens did not already say (all of it when no model node streamed the answer).
        if (content.startsWith(streamed) && content.length > streamed.length)
          await send(chunk(base, { content: content.slice(streamed.length) }));
        await send({ ...chunk(base, {}, 'stop'), weir: weirInfo(runId, resolved, result.prompts) });
        if (chat.stream_options?.include_usage)
          await send({ ...base, object: 'chat.completion.chunk', choices: [], usage: chatUsage(result.usage) });
      } else await send(openAiError(statusForCode(result.error.code), { error: result.error }));
    } catch (err) {
      const { status, body } = toErrorResponse(err);
      await send(openAiError(status, body));
    }
    await send('[DONE]');
  });
}

export const chatRoutes = new Hono<AppEnv>()
  .post('/chat/completions', async (c) => {
    const parsed = chatRequest.safeParse(await readJson(c, MAX_CHAT_BYTES));
    if (!parsed.success) {
      const issues = zodProblems(parsed.error);
      throw new ApiError(
        400,
        'invalid_request',
        `The request is not a chat completion request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    const req = parsed.data;
    await enforceRateLimits(c, req.model);
    const loaded = await loadModel(c, req.model);
    const input = readInput(loaded.flow, req);
    const chosen = await chooseArm(c, loaded, input);
    const { flow, resolved, who, ref } = chosen.runnable;
    await enforceBudget(c, flow, who);
    const runId = crypto.randomUUID();
    const deps = runDeps(c);
    const signal = c.req.raw.signal;
    const run: RunRequest & { runId: string } = { flow, resolved, input, who, ref, source: 'chat', signal, runId, ...experimentOf(chosen) };
    setExperimentHeaders(c, chosen);
    runShadow(deps, run, chosen);
    const base: CompletionBase = {
      id: `chatcmpl-${runId}`,
      created: Math.floor(Date.now() / 1000),
      model: req.model,
      system_fingerprint: `weir_${resolved.hash.slice(0, 12)}`,
    };
    if (req.stream) {
      setRunHeaders(c, resolved);
      return streamChat(c, deps, run, base, req);
    }
    const result = await executeRun(deps, run);
    setRunHeaders(c, resolved, result.prompts);
    if (result.status === 'failed') {
      const status = statusForCode(result.error.code);
      return c.json(openAiError(status, { error: result.error }), status);
    }
    return c.json(completion(base, result, weirInfo(runId, resolved, result.prompts)));
  })
  .onError((err, c) => {
    const { status, body } = toErrorResponse(err);
    if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="weir"');
    return c.json(openAiError(status, body), status);
  });
