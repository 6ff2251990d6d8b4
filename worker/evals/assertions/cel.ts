// CEL assertions (CEL replaces JavaScript: no code evaluation) over {input, expected, output,
// trace, usage, latencyMs, costUsd}, through the engine's evaluator. `trace` is a map from node
// id to its entry (status, output, handle, model, tokens, durationMs, error).
import { evaluateWithVariables } from '../../engine/expression';
import type { TraceEntry } from '../../engine/types';
import { verdict, type Observation } from './context';

export const handleOf = (entry: TraceEntry): string | undefined =>
  entry.handle ?? (entry.status === 'fell_back' ? 'fallback' : entry.status === 'ok' ? 'out' : undefined);

export function celScope(obs: Observation): Record<string, unknown> {
  const trace = Object.fromEntries(
    obs.trace.map((e) => [
      e.nodeId,
      {
        status: e.status,
        output: e.output ?? null,
        handle: handleOf(e) ?? null,
        model: e.model ?? null,
        tokens: e.tokens ?? null,
        durationMs: e.durationMs ?? null,
        error: e.error ?? null,
      },
    ]),
  );
  return {
    input: obs.input,
    expected: obs.expected ?? null,
    output: obs.output ?? null,
    trace,
    usage: obs.usage,
    latencyMs: obs.latencyMs,
    costUsd: obs.costUsd,
  };
}

export function celCheck(source: string, obs: Observation) {
  let value: unknown;
  try {
    value = evaluateWithVariables(source, celScope(obs));
  } catch (err) {
    return verdict(false, (err as Error).message);
  }
  if (typeof value === 'boolean') return verdict(value, value ? `${source} is true` : `${source} is false`);
  if (typeof value === 'number' && value >= 0 && value <= 1) return { pass: value >= 0.5, score: value, reason: `${source} = ${value}` };
  return verdict(false, `${source} must give true/false or a score from 0 to 1, got ${JSON.stringify(value)}`);
}
