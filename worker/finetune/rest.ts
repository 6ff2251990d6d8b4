// A small JSON-over-HTTP client for the trainers without an SDK here (Together, Fireworks):
// bearer auth, JSON or multipart bodies, and every failure as a TrainerError.
import { toTrainerError, trainerHttpError } from './trainer-errors';

export interface RestOptions {
  trainer: string;
  baseURL: string;
  apiKey?: string;
  fetch?: typeof fetch;
}

export interface RestClient {
  json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T>;
  form<T>(path: string, form: FormData, signal?: AbortSignal): Promise<T>;
}

export function restClient(opts: RestOptions): RestClient {
  const base = opts.baseURL.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const secrets = [opts.apiKey];
  async function send<T>(method: string, path: string, body: BodyInit | undefined, headers: Record<string, string>, signal?: AbortSignal) {
    if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
    let res: Response;
    try {
      // A provider that hangs must not hold the request (or a Workflow step) forever.
      res = await doFetch(`${base}${path}`, {
        method,
        headers: { accept: 'application/json', ...headers },
        body,
        signal: signal ?? AbortSignal.timeout(60_000),
      });
    } catch (err) {
      throw toTrainerError(opts.trainer, err, secrets);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      if (res.ok) throw trainerHttpError(opts.trainer, 502, { message: 'the answer is not JSON' }, secrets);
    }
    if (!res.ok) throw trainerHttpError(opts.trainer, res.status, parsed, secrets);
    return parsed as T;
  }
  return {
    json: (method, path, body, signal) =>
      send(
        method,
        path,
        body === undefined ? undefined : JSON.stringify(body),
        body === undefined ? {} : { 'content-type': 'application/json' },
        signal,
      ),
    form: (path, form, signal) => send('POST', path, form, {}, signal),
  };
}
