// Rate limits on the run routes (the edge URL and /v1/chat/completions), with the Workers Rate
// Limiting binding: per invoke key; for anonymous callers (and unknown tokens) per client address
// and per flow, so neither one address nor a crowd can spend without bound. The admin token is
// not limited. Over a limit: 429 with Retry-After (OpenAI's error shape on the chat route).
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { bearerToken, identify } from './auth';
import type { AppEnv } from './env';
import { ApiError } from './errors';

/** The Workers Rate Limiting binding (`[[ratelimits]]` in wrangler.toml). */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

const DEFAULT_PERIOD_SECONDS = 60;

/** IPv6 clients own a whole /64, so they are counted by it; IPv4 by the address. */
export function clientAddress(raw: string | undefined): string {
  const ip = (raw ?? '').trim();
  if (!ip.includes(':')) return ip || 'unknown';
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

async function keyDigest(token: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  return Array.from(hash.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The flow id of a run target (`id`, `id@3`, `id@label`, `flow:id@label`), bounded in length. */
const flowIdOf = (target: string) =>
  target
    .replace(/^flow:/, '')
    .split('@')[0]
    .slice(0, 64);

/** Throws a 429 (with Retry-After set on the context) when the caller is over one of its limits. */
export async function enforceRateLimits(c: Context<AppEnv>, target: string): Promise<void> {
  if (String(c.env.RATE_LIMITS ?? '').toLowerCase() === 'off') return;
  const caller = await identify(c);
  if (caller === 'admin') return;
  const flowId = flowIdOf(target);
  const checks: [RateLimiter | undefined, string, string][] =
    caller === 'invoker'
      ? [[c.env.RATE_LIMIT_INVOKE_KEY, `key:${await keyDigest(bearerToken(c) ?? '')}`, 'This invoke key']]
      : [
          [c.env.RATE_LIMIT_CLIENT_IP, `ip:${clientAddress(c.req.header('cf-connecting-ip'))}`, 'Your address'],
          [c.env.RATE_LIMIT_PUBLIC_FLOW, `flow:${flowId}`, `Flow "${flowId}" (for callers without an invoke key)`],
        ];
  for (const [limiter, key, who] of checks) {
    if (!limiter) continue;
    const { success } = await limiter.limit({ key });
    if (success) continue;
    const period = Number(c.env.RATE_LIMIT_PERIOD_SECONDS) || DEFAULT_PERIOD_SECONDS;
    c.header('Retry-After', String(period));
    throw new ApiError(429, 'rate_limit_exceeded', `${who} is over its rate limit; retry in ${period} s.`);
  }
}

/** Middleware for routes with the flow in `:id` (POST /v1/flows/:id/run). */
export const rateLimitRuns = createMiddleware<AppEnv>(async (c, next) => {
  await enforceRateLimits(c, c.req.param('id') ?? '');
  await next();
});
