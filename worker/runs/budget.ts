// A flow's optional daily budget (`"budget": {"dailyTokens", "dailyCostUsd"}` in the flow file),
// fed by the run log: past it, runs by invoke keys and anonymous callers answer 429 with
// Retry-After (seconds to midnight UTC) until the day turns. The day's spend is read from D1 at
// most every few seconds per isolate, so a budget is soft by about that much traffic; admin runs
// count but are not refused, so the flow can still be inspected.
import type { Context } from 'hono';
import type { Flow } from '../engine';
import type { Who } from '../http/auth';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import type { RunStore } from './log/store';

const DAY_MS = 86_400_000;
export const SPEND_CACHE_MS = 5_000;

const spendCache = new Map<string, { day: number; at: number; spend: { tokens: number; costUsd: number } }>();

/** Drops the isolate's cached spend (tests; a budget raised in the flow file applies at once anyway). */
export const forgetSpend = () => spendCache.clear();

async function spendToday(runs: RunStore, flowId: string, now: number) {
  const day = now - (now % DAY_MS);
  const hit = spendCache.get(flowId);
  if (hit && hit.day === day && now - hit.at < SPEND_CACHE_MS) return hit.spend;
  const spend = await runs.spend(flowId, day);
  spendCache.set(flowId, { day, at: now, spend });
  return spend;
}

export async function enforceBudget(c: Context<AppEnv>, flow: Flow, who: Who, now = Date.now()): Promise<void> {
  const budget = flow.budget;
  if (!budget || who.caller === 'admin') return;
  if (budget.dailyTokens === undefined && budget.dailyCostUsd === undefined) return;
  const spend = await spendToday(c.var.stores.runs, flow.id, now);
  const over =
    budget.dailyTokens !== undefined && spend.tokens >= budget.dailyTokens
      ? `${spend.tokens} of ${budget.dailyTokens} tokens`
      : budget.dailyCostUsd !== undefined && spend.costUsd >= budget.dailyCostUsd
        ? `$${spend.costUsd.toFixed(4)} of $${budget.dailyCostUsd}`
        : undefined;
  if (!over) return;
  const retryAfter = Math.max(1, Math.ceil((DAY_MS - (now % DAY_MS)) / 1000));
  c.header('Retry-After', String(retryAfter));
  throw new ApiError(
    429,
    'budget_exceeded',
    `Flow "${flow.id}" has used its daily budget (${over} today, UTC); try again after midnight UTC.`,
  );
}
