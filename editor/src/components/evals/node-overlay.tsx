// What a canvas node shows while an eval run's overlay is on: the pass rate of the items whose
// run went through it, its p50 latency, cost per run, fallback and error rates; the branch hit
// rate sits next to each handle.
import { ms, usd } from '../runs/format';
import { pct } from './format';
import type { NodeOverlay } from './overlay-store';
import './overlay.css';

export function NodeEvalStats({ nodeId, overlay: { stat, on } }: { nodeId: string; overlay: NodeOverlay }) {
  if (!on) return null;
  if (!stat)
    return (
      <div className="node-eval none" data-testid={`node-eval-${nodeId}`}>
        not reached by this variant
      </div>
    );
  const tone = stat.passRate >= 0.8 ? 'good' : stat.passRate >= 0.5 ? 'mid' : 'bad';
  return (
    <div className={`node-eval ${tone}`} data-testid={`node-eval-${nodeId}`}>
      <span className="node-eval-pass" title={`pass rate of the ${stat.runs} runs through this node`}>
        {pct(stat.passRate, 0)} pass
      </span>
      <span title="p50 latency of this node">{ms(stat.p50LatencyMs)}</span>
      <span title="cost of this node per run">{stat.costUsd === null ? 'cost ?' : usd(stat.costUsd / stat.runs)}</span>
      {stat.fallbackRate > 0 && <span className="node-eval-warn">{pct(stat.fallbackRate, 0)} fell back</span>}
      {stat.errorRate > 0 && <span className="node-eval-bad">{pct(stat.errorRate, 0)} failed</span>}
      <span className="muted">n={stat.runs}</span>
    </div>
  );
}

export function HandleRate({ nodeId, handle, overlay: { stat } }: { nodeId: string; handle: string; overlay: NodeOverlay }) {
  if (!stat) return null;
  const rate = stat.handles[handle] ?? 0;
  return (
    <span className="handle-rate" data-testid={`handle-rate-${nodeId}-${handle}`} title={`${pct(rate)} of runs took ${handle}`}>
      {pct(rate, 0)}
    </span>
  );
}
