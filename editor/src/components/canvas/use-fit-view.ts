// Fit the view to the whole flow or to some nodes. React Flow's own fitView waits until every
// node has been measured, which never happens on a large canvas that draws only what is in view,
// and after a layout it would frame the old positions; so the viewport is computed here, from a
// flow passed in (the new positions) or from React Flow's nodes, keeping the minimap's corner clear.
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import type { Flow } from '../../engine';
import { isOpen } from '../../state/ui-prefs';
import { boundsOf, fitRect, type Rect } from '../../state/viewport';

export interface FitOptions {
  ids?: string[];
  /** Frame these positions (e.g. just laid out) rather than what React Flow holds now. */
  flow?: Flow;
  measured?: ReadonlyMap<string, { width: number; height: number }>;
  maxZoom?: number;
  duration?: number;
}

export function useFitView(): (opts?: FitOptions) => void {
  const store = useStoreApi();
  const rf = useReactFlow();
  return useCallback(
    ({ ids, flow, measured, maxZoom, duration = 300 }: FitOptions = {}) => {
      const { nodeLookup, width, height, minZoom } = store.getState();
      if (!width || !height) return;
      let rect: Rect | undefined;
      if (flow) rect = boundsOf(flow, measured, ids ? new Set(ids) : undefined);
      else {
        const nodes = ids ? ids.filter((id) => nodeLookup.has(id)) : [...nodeLookup.keys()];
        if (nodes.length) rect = rf.getNodesBounds(nodes);
      }
      if (!rect) return;
      const minimap = isOpen('minimap') && nodeLookup.size > 0;
      void rf.setViewport(fitRect(rect, { width, height }, { minZoom, maxZoom, minimap }), { duration });
    },
    [store, rf],
  );
}
