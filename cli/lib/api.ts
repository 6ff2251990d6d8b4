// The management API client: base URL and admin token from flags, the environment or .dev.vars,
// JSON requests, and failures (network, auth, API errors) as one clear CliError line.
import type { Command } from 'commander';
import { readDevVars } from './dev-vars';
import { CliError } from './errors';

export const DEFAULT_URL = 'http://127.0.0.1:8787';

export interface RemoteOptions {
  url?: string;
  token?: string;
}

export const addRemoteOptions = (cmd: Command): Command =>
  cmd
    .option('--url <url>', `the Weir worker (default: $WEIR_URL or ${DEFAULT_URL})`)
    .option('--token <token>', 'admin token (default: $WEIR_ADMIN_TOKEN, or ADMIN_TOKEN in .dev.vars for a local worker)');

/** ADMIN_TOKEN from .dev.vars beside flows/ (what `wrangler dev` reads). */
const devVarsToken = (): string | undefined => readDevVars().ADMIN_TOKEN || undefined;

const isLocal = (url: string) => /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url);

export interface RequestOptions {
  allow404?: boolean;
  /** Sends `body` (a string) as is with this content type instead of as JSON (a dataset's JSONL). */
  contentType?: string;
}

export interface ApiClient {
  url: string;
  request<T>(method: string, path: string, body?: unknown, opts?: RequestOptions): Promise<{ status: number; body: T }>;
  /** GET a server-sent-events stream: the response, its body unread (errors as for request). */
  events(path: string, signal?: AbortSignal): Promise<Response>;
}

interface ApiErrorBody {
  error?: { code?: string; message?: string; issues?: { path: string; message: string; code: string; nodeId?: string }[] };
}

export class ApiFailure extends CliError {
  constructor(
    message: string,
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(message);
  }
}

export function apiClient(opts: RemoteOptions): ApiClient {
  const url = (opts.url ?? process.env.WEIR_URL ?? DEFAULT_URL).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(url)) throw new CliError(`--url must be an http(s) URL, got "${url}"`, 2);
  const token = opts.token ?? process.env.WEIR_ADMIN_TOKEN ?? (isLocal(url) ? devVarsToken() : undefined);
  return {
    url,
    async events(path: string, signal?: AbortSignal) {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (token) headers.authorization = `Bearer ${token}`;
      let res: Response;
      try {
        res = await fetch(`${url}/v1${path}`, { headers, signal });
      } catch (err) {
        throw new CliError(`cannot reach the Weir worker at ${url} (${(err as Error).message})`);
      }
      if (!res.ok) {
        const error = ((await res.json().catch(() => undefined)) as ApiErrorBody | undefined)?.error;
        throw new ApiFailure(
          `GET /v1${path}: ${res.status} ${error?.code ?? res.statusText}: ${error?.message ?? 'no message'}`,
          res.status,
          { error },
        );
      }
      return res;
    },
    async request<T>(method: string, path: string, body?: unknown, ropts: RequestOptions = {}) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = ropts.contentType ?? 'application/json';
      const payload = body === undefined ? undefined : ropts.contentType ? String(body) : JSON.stringify(body);
      let res: Response;
      try {
        res = await fetch(`${url}/v1${path}`, { method, headers, body: payload });
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new CliError(
          `cannot reach the Weir worker at ${url} (${cause?.code ?? cause?.message ?? (err as Error).message}); is it running? (npx wrangler dev, or set --url / WEIR_URL)`,
        );
      }
      const text = await res.text();
      let parsed: unknown = undefined;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        if (res.ok) throw new CliError(`${method} ${url}/v1${path} answered ${res.status} with something that is not JSON`);
      }
      if (res.ok || (ropts.allow404 && res.status === 404)) return { status: res.status, body: parsed as T };
      const error = (parsed as ApiErrorBody | undefined)?.error;
      const what = `${method} /v1${path}: ${res.status} ${error?.code ?? res.statusText}`;
      if (res.status === 401 || res.status === 403) {
        const hint = token ? 'the token was refused' : 'no admin token given';
        throw new ApiFailure(`${what}: ${error?.message ?? 'unauthorized'} (${hint}; pass --token or set WEIR_ADMIN_TOKEN)`, res.status, {
          error,
        });
      }
      throw new ApiFailure(`${what}: ${error?.message ?? (text.slice(0, 200) || 'no message')}`, res.status, { error });
    },
  };
}
