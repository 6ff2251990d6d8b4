// A small in-process stand-in for the worker's management API (docs/contracts.md): flows, flow
// versions and labels, prompts with immutable versions and labels, admin bearer auth, the
// documented error shape. It records every request so tests can check what the CLI sent.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { formatFlow, parseFlow } from '../../worker/engine';
import type { LooseJson } from './helpers';

type Json = LooseJson;
interface FlowVersion {
  version: number;
  hash: string;
  createdAt: string;
  note?: string;
  flow: unknown;
}
interface Prompt {
  name: string;
  description: string;
  labels: Record<string, number>;
  versions: Json[];
}

export interface FakeWeir {
  url: string;
  token: string;
  requests: { method: string; path: string; body?: unknown }[];
  flows: Map<string, string>;
  flowVersions: Map<string, { versions: FlowVersion[]; labels: Record<string, number> }>;
  prompts: Map<string, Prompt>;
  writes(): string[];
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: unknown,
  ) {
    super(message);
  }
}

const readBody = async (req: IncomingMessage): Promise<unknown> => {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : undefined;
};

export async function startFakeWeir(token = 'fake-admin-token'): Promise<FakeWeir> {
  const fake = { token, requests: [], flows: new Map(), flowVersions: new Map(), prompts: new Map() } as unknown as FakeWeir;
  const now = () => new Date().toISOString();
  const needFlow = (id: string) => {
    const text = fake.flows.get(id);
    if (!text) throw new HttpError(404, 'not_found', `No flow with id "${id}".`);
    return text;
  };
  const meta = (id: string) => fake.flowVersions.get(id) ?? fake.flowVersions.set(id, { versions: [], labels: {} }).get(id)!;
  const needPrompt = (name: string) => {
    const p = fake.prompts.get(name);
    if (!p) throw new HttpError(404, 'not_found', `no prompt named "${name}"`);
    return p;
  };

  async function route(method: string, path: string, query: URLSearchParams, body: Json): Promise<[number, unknown]> {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/v1/flows') return [200, { flows: [...fake.flows.keys()].map((id) => ({ id })) }];
    if ((m = /^\/v1\/flows\/([^/]+)$/.exec(path))) {
      const id = m[1];
      if (method === 'GET') return [200, { flow: JSON.parse(needFlow(id)), problems: parseFlow(needFlow(id)).problems }];
      if (method === 'PUT') {
        const parsed = parseFlow({ ...body, id });
        if (!parsed.valid && query.get('draft') !== '1')
          throw new HttpError(422, 'invalid_flow', 'The flow has problems.', parsed.problems);
        fake.flows.set(id, formatFlow({ ...body, id }));
        return [200, { flow: body, problems: parsed.problems }];
      }
    }
    if ((m = /^\/v1\/flows\/([^/]+)\/versions$/.exec(path))) {
      const id = m[1];
      const text = needFlow(id);
      const versions = meta(id);
      if (method === 'GET') return [200, { versions: versions.versions.map(({ flow: _f, ...v }) => v), labels: versions.labels }];
      const hash = createHash('sha256').update(text).digest('hex');
      const last = versions.versions.at(-1);
      if (last?.hash === hash) return [200, { version: last.version, hash, createdAt: last.createdAt }];
      const v: FlowVersion = { version: versions.versions.length + 1, hash, createdAt: now(), note: body?.note, flow: JSON.parse(text) };
      versions.versions.push(v);
      return [201, { version: v.version, hash, createdAt: v.createdAt }];
    }
    if ((m = /^\/v1\/flows\/([^/]+)\/labels\/([^/]+)$/.exec(path))) {
      const versions = meta(m[1]);
      if (method === 'DELETE') delete versions.labels[m[2]];
      else if (!versions.versions.some((v) => v.version === body.version))
        throw new HttpError(404, 'not_found', `flow "${m[1]}" has no version ${body.version}`);
      else versions.labels[m[2]] = body.version;
      return [200, { labels: versions.labels }];
    }
    if (method === 'GET' && path === '/v1/prompts')
      return [200, { prompts: [...fake.prompts.values()].map((p) => ({ name: p.name, labels: p.labels })) }];
    if ((m = /^\/v1\/prompts\/([^/]+)$/.exec(path)) && method === 'GET') {
      const p = needPrompt(m[1]);
      return [200, { ...p, latest: p.versions.length, versions: p.versions.map((v) => ({ name: p.name, ...v, variables: [] })) }];
    }
    if ((m = /^\/v1\/prompts\/([^/]+)\/versions$/.exec(path)) && method === 'POST') {
      const allowed = ['template', 'model', 'temperature', 'maxTokens', 'note', 'description', 'createdAt'];
      const extra = Object.keys(body).filter((k) => !allowed.includes(k));
      if (extra.length || !body.template) throw new HttpError(400, 'invalid', `bad version body (${extra.join(', ') || 'no template'})`);
      const { description, ...version } = body;
      const p =
        fake.prompts.get(m[1]) ??
        fake.prompts.set(m[1], { name: m[1], description: description ?? '', labels: {}, versions: [] }).get(m[1])!;
      const v = { version: p.versions.length + 1, ...version, createdAt: version.createdAt ?? now() };
      p.versions.push(v);
      return [201, { name: p.name, version: v.version, variables: [], createdAt: v.createdAt }];
    }
    if ((m = /^\/v1\/prompts\/([^/]+)\/labels\/([^/]+)$/.exec(path))) {
      const p = needPrompt(m[1]);
      if (method === 'DELETE') delete p.labels[m[2]];
      else if (body.version > p.versions.length) throw new HttpError(404, 'not_found', `prompt "${m[1]}" has no version ${body.version}`);
      else p.labels[m[2]] = body.version;
      return [200, { labels: p.labels }];
    }
    throw new HttpError(404, 'not_found', `no route ${method} ${path}`);
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const send = (status: number, value: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    try {
      const body = await readBody(req);
      fake.requests.push({ method: req.method!, path: url.pathname + url.search, ...(body === undefined ? {} : { body }) });
      if (req.headers.authorization !== `Bearer ${fake.token}`) throw new HttpError(401, 'unauthorized', 'The bearer token is not valid.');
      const [status, value] = await route(req.method!, url.pathname, url.searchParams, (body ?? {}) as Json);
      send(status, value);
    } catch (err) {
      const e = err instanceof HttpError ? err : new HttpError(500, 'internal', String(err));
      send(e.status, { error: { code: e.code, message: e.message, ...(e.issues ? { issues: e.issues } : {}) } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  fake.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  fake.writes = () => fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
