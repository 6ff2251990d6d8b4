// The canvas overlay of an eval run: which run and variant the canvas shows, in a small external
// store, so only the nodes (and the bar) re-render when it changes, never the whole canvas.
import { useSyncExternalStore } from 'react';
import type { NodeStat, NodeStats } from './evals-api';

export interface EvalOverlay {
  flowId: string;
  evalName: string;
  runId: string;
  variant: string;
  stats: NodeStats;
}

let current: EvalOverlay | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());
const subscribe = (l: () => void) => (listeners.add(l), () => void listeners.delete(l));

export const setOverlay = (next: EvalOverlay | null) => ((current = next), emit());
export const setOverlayVariant = (variant: string) => current && setOverlay({ ...current, variant });

export const useOverlay = (): EvalOverlay | null => useSyncExternalStore(subscribe, () => current);

/** The chosen variant's stats for one node (undefined when the overlay is off or the node was never reached). */
export interface NodeOverlay {
  stat?: NodeStat;
  on: boolean;
}

/** One subscription per canvas node; its stats line and its handles' rates read the answer. */
export function useNodeOverlay(nodeId: string): NodeOverlay {
  const o = useOverlay();
  return { stat: o?.stats[o.variant]?.[nodeId], on: !!o };
}
