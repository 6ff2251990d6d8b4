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

/** Who is calling: checks every configured key (no early exit) so timing says nothing about which matched. */
export async function identify(c: Context<AppEnv>): Promise<Caller> {
  const token = bearerToken(c);
  if (!token) return 'anonymous';
  const admin = secret(c.env.ADMIN_TOKEN);
  const checks = await Promise.all([admin ? sameSecret(token, admin) : false, ...invokeKeys(c.env).map((k) => sameSecret(token, k))]);
  if (checks[0]) return 'admin';
  return checks.slice(1).some(Boolean) ? 'invoker' : 'unknown-token';
}

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
