// Calls the app the way a client would (app.request with the test bindings) and builds flows.
import { env } from 'cloudflare:test';
import { app } from '../../../worker/index';
import type { Bindings } from '../../../worker/http/env';

export const ADMIN = 'test-admin-token';
export const INVOKE = 'test-invoke-key';

export interface CallInit extends RequestInit {
  token?: string;
  json?: unknown;
  env?: Partial<Bindings>;
}

export async function call(path: string, init: CallInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const bindings = { ...(env as unknown as Bindings), ...init.env };
  return app.request(path, { ...init, headers, body }, bindings);
}

export const admin = (path: string, init: CallInit = {}) => call(path, { token: ADMIN, ...init });

/** input -> prompt (inline template) -> output; `extra` overrides top-level fields. */
export function simpleFlow(id: string, extra: Record<string, unknown> = {}, promptData: Record<string, unknown> = {}) {
  return {
    version: 1,
    id,
    name: `Flow ${id}`,
    description: 'A test flow',
    input: { fields: { question: { type: 'string', required: true, maxLength: 100 } } },
    examples: [{ name: 'basic', input: { question: 'Why is the sky blue?' } }],
    nodes: [
      { id: 'question', type: 'input', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'answer',
        type: 'prompt',
        position: { x: 200, y: 0 },
        data: { model: 'test-model', prompt: { text: 'Q: {{input.question}}' }, ...promptData },
      },
      { id: 'result', type: 'output', position: { x: 400, y: 0 }, data: {} },
    ],
    edges: [
      { source: 'question', target: 'answer' },
      { source: 'answer', target: 'result' },
    ],
    ...extra,
  };
}

/** Stores a flow; `env` overrides bindings (a flow naming a provider must be saved where it is configured). */
export async function putFlow(flow: { id: string } & Record<string, unknown>, env?: Partial<Bindings>): Promise<void> {
  const res = await admin(`/v1/flows/${flow.id}`, { method: 'PUT', json: flow, env });
  if (res.status !== 200) throw new Error(`putFlow ${flow.id}: ${res.status} ${await res.text()}`);
}

export async function errorOf(
  res: Response,
): Promise<{ code: string; message: string; nodeId?: string; issues?: { path: string; code: string }[] }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return body.error;
}
