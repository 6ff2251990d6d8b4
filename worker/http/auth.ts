// Bearer-token checks. Management needs ADMIN_TOKEN (refused when it is unset: secure by
// default); runs accept an invoke key or the admin token. Comparisons are constant-time over
// SHA-256 digests so neither content nor length leaks through timing.
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { ApiError } from './errors';
import type { AppEnv, Bindings } from './env';

const encoder = new TextEncoder();
const digest = async (text: string) => crypto.subtle.digest('SHA-256', encoder.encode(text));

async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1] : undefined;
}

const secret = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
export const invokeKeys = (env: Bindings): string[] =>
  (secret(env.INVOKE_KEYS) ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);

export type Caller = 'admin' | 'invoker' | 'anonymous' | 'unknown-token';

/** The caller and, for a key, its id: the first 16 hex digits of its SHA-256, never the key itself. */
export interface Who {
  caller: Caller;
  keyId?: string;
}

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** A key's stable id, as run records and feedback store it. */
export const keyIdOf = async (key: string): Promise<string> => `key_${hex(await digest(key)).slice(0, 16)}`;

/** Who is calling, once per request: checks every configured key (no early exit) so timing says nothing about which matched. */
export async function whoIs(c: Context<AppEnv>): Promise<Who> {
  const known = c.get('who');
  if (known) return known;
  const token = bearerToken(c);
  let who: Who = { caller: 'anonymous' };
  if (token) {
    const admin = secret(c.env.ADMIN_TOKEN);
    const checks = await Promise.all([admin ? sameSecret(token, admin) : false, ...invokeKeys(c.env).map((k) => sameSecret(token, k))]);
    if (checks[0]) who = { caller: 'admin', keyId: 'admin' };
    else if (checks.slice(1).some(Boolean)) who = { caller: 'invoker', keyId: await keyIdOf(token) };
    else who = { caller: 'unknown-token' };
  }
  c.set('who', who);
  return who;
}

export const identify = async (c: Context<AppEnv>): Promise<Caller> => (await whoIs(c)).caller;

export const unauthorized = (message: string) => new ApiError(401, 'unauthorized', message);

/** Guards management routes. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (!secret(c.env.ADMIN_TOKEN)) {
    throw new ApiError(
      503,
      'admin_token_unset',
      'Management is disabled because the ADMIN_TOKEN secret is not set (wrangler secret put ADMIN_TOKEN, or .dev.vars locally).',
    );
  }
  const caller = await identify(c);
  if (caller === 'admin') return next();
  c.header('WWW-Authenticate', 'Bearer realm="weir"');
  if (caller === 'anonymous') throw unauthorized('This endpoint needs "Authorization: Bearer <ADMIN_TOKEN>".');
  if (caller === 'invoker') throw new ApiError(403, 'forbidden', 'Invoke keys can run flows but not manage them; use the admin token.');
  throw unauthorized('The bearer token is not valid.');
});
