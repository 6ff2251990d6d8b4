// A small fetch wrapper for the /v1 API: admin bearer token, JSON in and out, and the API's
// error shape ({ error: { code, message, issues? } }) turned into ApiError.
import { clearToken, getToken } from './token';
import type { Problem } from '../engine';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Problem[] = [],
  ) {
    super(message);
  }
}

export const authHeaders = (): Record<string, string> => {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
};

export async function request<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { ...authHeaders() };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (err) {
    throw new ApiError(0, 'network', `cannot reach the worker: ${(err as Error).message}`);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(res.status, 'bad_response', `unexpected answer (${res.status}): ${text.slice(0, 120)}`);
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; issues?: Problem[] } })?.error;
    if (res.status === 401) clearToken();
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.issues ?? []);
  }
  return json as T;
}
