// A fake of OpenAI's /v1/chat/completions and /v1/models for tests, the end-to-end suite and
// benchmarks: the real wire format (JSON and SSE), faults and answers scripted over HTTP.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createFakeFinetune } from './fake-finetune';

/** One scripted answer to one request. Queued per model; used once each, in order. */
export interface FakeBehaviour {
  kind: 'ok' | 'rate_limit' | 'server_error' | 'model_not_found' | 'unauthorized' | 'malformed' | 'no_choices' | 'cut_stream' | 'huge';
  /** Wait this long before answering. */
  latencyMs?: number;
  /** ok: the answer content (a non-string is sent as JSON text). */
  content?: unknown;
  /** rate_limit: the Retry-After header (seconds or an HTTP date) and/or retry-after-ms. */
  retryAfter?: string;
  retryAfterMs?: number;
  /** server_error: the status, 500 by default. */
  status?: number;
  /** cut_stream: content chunks sent before the socket is destroyed (2 by default). */
  afterChunks?: number;
  /** huge: the answer's content size in bytes (300 MB by default), generated as it is sent. */
  hugeBytes?: number;
}

/** Model-like answers: the first rule whose pattern matches the messages ("role: content" lines) answers. */
export interface AnswerRule {
  match: string;
  flags?: string;
  content: unknown;
}

export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  model?: string;
  stream: boolean;
  authorization?: string;
  body: unknown;
  /** huge answers: the bytes actually written before the client stopped reading (or all of them). */
  bytesSent?: number;
  /** huge answers: whether the client hung up before the end. */
  clientHungUp?: boolean;
}

interface ChatBody {
  model?: string;
  messages?: { role: string; content: string }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type: string; json_schema?: { schema?: Record<string, unknown> } };
}

type Json = Record<string, unknown>;
const MAX_RECORDED = 5000;

/** Model-name conventions for callers that cannot reach the control API (e.g. flow files). */
function conventionFor(model: string): FakeBehaviour | undefined {
  if (model.startsWith('fake-not-found')) return { kind: 'model_not_found' };
  if (model.startsWith('fake-unauthorized')) return { kind: 'unauthorized' };
  if (model.startsWith('fake-server-error')) return { kind: 'server_error' };
  if (model.startsWith('fake-rate-limited')) return { kind: 'rate_limit', retryAfter: '0' };
  if (model.startsWith('fake-malformed')) return { kind: 'malformed' };
  if (model.startsWith('fake-cut-stream')) return { kind: 'cut_stream' };
  if (model.startsWith('fake-huge-answer')) return { kind: 'huge' };
  const slow = /^fake-slow-(\d+)/.exec(model);
  if (slow) return { kind: 'ok', latencyMs: Number(slow[1]) };
  return undefined;
}

/** A value that satisfies a JSON Schema: first enum values, minimums, one array item. */
export function valueFromSchema(schema: Json | undefined): unknown {
  if (!schema) return { answer: 'fake' };
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (variants?.length) return valueFromSchema(variants[0]);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return 'fake';
    case 'number':
    case 'integer':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: Math.max(1, Number(schema.minItems ?? 0)) }, () => valueFromSchema(schema.items as Json));
    default: {
      const props = (schema.properties ?? {}) as Record<string, Json>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, valueFromSchema(v)]));
    }
  }
}

const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFakeOpenAI(opts: { port?: number; host?: string } = {}) {
  const scripts = new Map<string, FakeBehaviour[]>();
  const answers = new Map<string, string>();
  const rules = new Map<string, { re: RegExp; content: string }[]>();
  let requests: RecordedRequest[] = [];
  let counter = 0;

  const control = {
    script(model: string, behaviours: FakeBehaviour[]) {
      scripts.set(model, [...(scripts.get(model) ?? []), ...behaviours]);
    },
    setAnswer(model: string, content: unknown) {
      answers.set(model, typeof content === 'string' ? content : JSON.stringify(content));
    },
    addRules(model: string, list: AnswerRule[]) {
      const compiled = list.map((r) => ({
        re: new RegExp(r.match, r.flags),
        content: typeof r.content === 'string' ? r.content : JSON.stringify(r.content),
      }));
      rules.set(model, [...(rules.get(model) ?? []), ...compiled]);
    },
    requests: (model?: string) => requests.filter((r) => model === undefined || r.model === model),
    reset(model?: string) {
      if (model === undefined) return void (scripts.clear(), answers.clear(), rules.clear(), (requests = []));
      scripts.delete(model);
      answers.delete(model);
      rules.delete(model);
      requests = requests.filter((r) => r.model !== model);
    },
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const apiError = (message: string, type: string, code: string | null) => ({ error: { message, type, param: null, code } });

  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, body: Json) {
    const model = typeof body.model === 'string' ? body.model : undefined;
    if (req.method === 'GET' && url.pathname === '/__control/requests') {
      return send(res, 200, { requests: control.requests(url.searchParams.get('model') ?? undefined) });
    }
    if (req.method === 'POST' && url.pathname === '/__control/script' && model && Array.isArray(body.behaviours)) {
      control.script(model, body.behaviours as FakeBehaviour[]);
      return send(res, 200, { ok: true, queued: scripts.get(model)?.length ?? 0 });
    }
    if (req.method === 'POST' && url.pathname === '/__control/answers' && model && 'content' in body) {
      control.setAnswer(model, body.content);
      return send(res, 200, { ok: true });
    }
    if (req.method === 'POST' && url.pathname === '/__control/rules' && model && Array.isArray(body.rules)) {
      control.addRules(model, body.rules as AnswerRule[]);
      return send(res, 200, { ok: true });
    }
    if (req.method === 'POST' && url.pathname === '/__control/reset') {
      control.reset(model);
      return send(res, 200, { ok: true });
    }
    send(res, 400, apiError(`unknown control request ${req.method} ${url.pathname}`, 'invalid_request_error', null));
  }

  /** A huge answer made of one reused 64 KB block, written with backpressure until the end or a hang-up. */
  async function sendHuge(res: ServerResponse, chat: ChatBody, id: string, size: number, record?: RecordedRequest) {
    const model = chat.model ?? 'fake-model';
    const block = 'a'.repeat(64 * 1024);
    const base = { id, created: Math.floor(Date.now() / 1000), model };
    const head = chat.stream
      ? ''
      : `${JSON.stringify({ ...base, object: 'chat.completion' }).slice(0, -1)},"choices":[{"index":0,"message":{"role":"assistant","content":"`;
    const piece = chat.stream
      ? `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: block }, finish_reason: null }] })}\n\n`
      : block;
    const tail = chat.stream
      ? `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`
      : '"},"finish_reason":"stop"}]}';
    res.writeHead(200, { 'content-type': chat.stream ? 'text/event-stream' : 'application/json' });
    let sent = 0;
    let hungUp = false;
    res.once('close', () => (hungUp = !res.writableFinished));
    const write = (text: string) =>
      new Promise<void>((resolve) => {
        sent += Buffer.byteLength(text);
        if (res.write(text)) resolve();
        else {
          const done = () => (res.off('drain', done), res.off('close', done), resolve());
          res.once('drain', done);
          res.once('close', done);
        }
      });
    await write(head);
    for (let content = 0; content < size && !res.destroyed && !hungUp; content += block.length) await write(piece);
    if (!res.destroyed && !hungUp) res.end(tail);
    if (record) Object.assign(record, { bytesSent: sent });
    await new Promise((r) => setTimeout(r, 50));
    if (record) record.clientHungUp = hungUp || res.destroyed;
  }

  async function handleChat(req: IncomingMessage, res: ServerResponse, chat: ChatBody, record?: RecordedRequest) {
    const model = chat.model ?? 'fake-model';
    const behaviour = scripts.get(model)?.shift() ?? conventionFor(model) ?? { kind: 'ok' };
    if (behaviour.latencyMs) await delay(behaviour.latencyMs);
    if (res.destroyed) return;
    const id = `chatcmpl-fake-${++counter}`;
    switch (behaviour.kind) {
      case 'rate_limit': {
        const headers: Record<string, string> = {};
        if (behaviour.retryAfter !== undefined) headers['retry-after'] = behaviour.retryAfter;
        if (behaviour.retryAfterMs !== undefined) headers['retry-after-ms'] = String(behaviour.retryAfterMs);
        return send(res, 429, apiError('Rate limit reached for requests (fake).', 'requests', 'rate_limit_exceeded'), headers);
      }
      case 'server_error':
        return send(res, behaviour.status ?? 500, apiError('The server had an error while processing your request.', 'server_error', null));
      case 'model_not_found':
        return send(
          res,
          404,
          apiError(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'),
        );
      case 'unauthorized':
        // Echoes the whole key on purpose (OpenAI shows part of it), so tests prove we redact it.
        return send(
          res,
          401,
          apiError(
            `Incorrect API key provided: ${String(req.headers.authorization ?? '').replace(/^Bearer /, '')}.`,
            'invalid_request_error',
            'invalid_api_key',
          ),
        );
      case 'malformed':
        if (chat.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          return res.end(`data: {"id": "${id}", "choices": [\n\n`);
        }
        return send(res, 200, `{"id": "${id}", "object": "chat.completion", "choices": [{"index": 0, "mess`);
      case 'no_choices':
        return send(res, 200, { id, object: 'chat.completion', created: 0, model });
      case 'huge':
        return sendHuge(res, chat, id, behaviour.hugeBytes ?? 300 * 1024 * 1024, record);
    }
    const messages = chat.messages ?? [];
    const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const format = chat.response_format?.type;
    const transcript = messages.map((m) => `${m.role}: ${m.content}`).join('\n');
    const ruled = rules.get(model)?.find((r) => r.re.test(transcript))?.content;
    const content =
      behaviour.content !== undefined
        ? typeof behaviour.content === 'string'
          ? behaviour.content
          : JSON.stringify(behaviour.content)
        : (ruled ??
          answers.get(model) ??
          (format === 'json_schema' || format === 'json_object'
            ? JSON.stringify(valueFromSchema(chat.response_format?.json_schema?.schema))
            : `fake answer from ${model}: ${lastUser}`));
    const usage = {
      prompt_tokens: tokens(messages.map((m) => m.content).join('\n')),
      completion_tokens: tokens(content),
      total_tokens: 0,
    };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    // `fake-cached-*` models report prompt-cache hits and reasoning tokens, as OpenAI does.
    if (model.startsWith('fake-cached'))
      Object.assign(usage, {
        prompt_tokens_details: { cached_tokens: Math.floor(usage.prompt_tokens / 2) },
        completion_tokens_details: { reasoning_tokens: 3 },
      });
    const base = { id, created: Math.floor(Date.now() / 1000), model };
    if (!chat.stream) {
      const message = { role: 'assistant', content, refusal: null };
      return send(res, 200, {
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message, logprobs: null, finish_reason: 'stop' }],
        usage,
      });
    }
    const withUsage = chat.stream_options?.include_usage === true;
    const chunk = (choices: unknown[], extra: Json = {}) =>
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, ...(withUsage ? { usage: null } : {}), ...extra })}\n\n`;
    const delta = (d: Json, finish: string | null = null) => chunk([{ index: 0, delta: d, logprobs: null, finish_reason: finish }]);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(delta({ role: 'assistant', content: '' }));
    const pieces = content.match(/\S+\s*|\s+/g) ?? [];
    const cutAfter = behaviour.kind === 'cut_stream' ? (behaviour.afterChunks ?? 2) : Infinity;
    for (let i = 0; i < pieces.length; i++) {
      if (i === cutAfter) return void res.write('', () => res.socket?.destroy());
      res.write(delta({ content: pieces[i] }));
    }
    if (cutAfter !== Infinity) return void res.write('', () => res.socket?.destroy());
    res.write(delta({}, 'stop'));
    if (withUsage) res.write(chunk([], { usage }));
    res.end('data: [DONE]\n\n');
  }

  const finetune = createFakeFinetune();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (await finetune.handle(req, res, url)) return;
      let raw = '';
      for await (const part of req) raw += part;
      let body: Json = {};
      try {
        body = raw ? (JSON.parse(raw) as Json) : {};
      } catch {
        return send(res, 400, apiError('We could not parse the JSON body of your request.', 'invalid_request_error', null));
      }
      if (url.pathname.startsWith('/__control/')) return await handleControl(req, res, url, body);
      const path = url.pathname.replace(/^\/v1/, '');
      const model = typeof body.model === 'string' ? body.model : undefined;
      const record: RecordedRequest = {
        at: Date.now(),
        method: req.method ?? 'GET',
        path,
        model,
        stream: body.stream === true,
        authorization: req.headers.authorization,
        body,
      };
      requests.push(record);
      if (requests.length > MAX_RECORDED) requests = requests.slice(-MAX_RECORDED / 2);
      if (req.method === 'GET' && path === '/models') {
        const ids = ['fake-model', ...answers.keys()];
        return send(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
      }
      if (req.method === 'POST' && path === '/chat/completions') return await handleChat(req, res, body as ChatBody, record);
      send(res, 404, apiError(`Unknown request URL: ${req.method} ${url.pathname}.`, 'invalid_request_error', 'unknown_url'));
    } catch (err) {
      if (!res.headersSent) send(res, 500, apiError(String(err), 'server_error', null));
      else res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://${opts.host ?? '127.0.0.1'}:${port}/v1`, port, close, ...control };
}

// Standalone: node --import tsx test/helpers/fake-openai.ts --port 8790
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--port');
  const server = await startFakeOpenAI({ port: i > 0 ? Number(process.argv[i + 1]) : 8790 });
  console.log(`fake OpenAI listening on ${server.url}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void server.close().then(() => process.exit(0)));
}
