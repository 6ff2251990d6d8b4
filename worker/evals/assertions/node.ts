// Node assertions: a node's status, the handle it took ("the classifier routed to
// x1000_technical") and its output.
import type { Assertion } from '../assertion-schema';
import { handleOf } from './cel';
import { outputText, verdict, type Observation } from './context';
import { deepEqual } from './text';

type NodeAssertion = Extract<Assertion, { type: 'node' }>;

export function nodeCheck(a: NodeAssertion, obs: Observation, contains?: string) {
  const entry = obs.trace.find((e) => e.nodeId === a.node);
  if (!entry) return verdict(false, `no node "${a.node}" in the trace`);
  const failures: string[] = [];
  if (a.status && entry.status !== a.status) failures.push(`status ${entry.status}, not ${a.status}`);
  const handle = handleOf(entry);
  if (a.handle && handle !== a.handle) failures.push(`took ${handle ?? 'no handle'}, not ${a.handle}`);
  if (a.equals !== undefined && !deepEqual(entry.output, a.equals)) failures.push(`output ${outputText(entry.output).slice(0, 60)} is not ${JSON.stringify(a.equals)}`);
  if (contains !== undefined && !outputText(entry.output).includes(contains)) failures.push(`output does not contain "${contains}"`);
  if (failures.length) return verdict(false, `${a.node}: ${failures.join('; ')}`);
  const what = [a.status && `status ${a.status}`, a.handle && `took ${a.handle}`, a.equals !== undefined && 'output equal', contains !== undefined && `contains "${contains}"`]
    .filter(Boolean)
    .join(', ');
  return verdict(true, `${a.node}: ${what || entry.status}`);
}

export function ceilingCheck(kind: 'latency' | 'cost', threshold: number, obs: Observation) {
  if (kind === 'latency') {
    const pass = obs.latencyMs <= threshold;
    return verdict(pass, `${obs.latencyMs} ms ${pass ? '≤' : '>'} ${threshold} ms`);
  }
  if (obs.costUsd === null) return verdict(false, 'the run\'s cost is unknown (a model has no price)');
  const pass = obs.costUsd <= threshold;
  return verdict(pass, `$${obs.costUsd.toFixed(6)} ${pass ? '≤' : '>'} $${threshold}`);
}
