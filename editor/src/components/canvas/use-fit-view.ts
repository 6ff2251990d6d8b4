// Fit the view to the whole flow or to some nodes. React Flow's own fitView waits until every
// node has been measured, which never happens on a large canvas that draws only what is in view,
// so the viewport is computed here from the nodes' measured or initial sizes.
import { getViewportForBounds, useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';

export interface FitOptions {
  ids?: string[];
  padding?: number;
  maxZoom?: number;
  duration?: number;
}

export function useFitView(): (opts?: FitOptions) => void {
  const store = useStoreApi();
  const rf = useReactFlow();
  return useCallback(
    ({ ids, padding = 0.15, maxZoom = 1, duration = 300 }: FitOptions = {}) => {
      const { nodeLookup, width, height, minZoom } = store.getState();
      const nodes = ids ? ids.filter((id) => nodeLookup.has(id)) : [...nodeLookup.keys()];
      if (!nodes.length || !width || !height) return;
      const viewport = getViewportForBounds(rf.getNodesBounds(nodes), width, height, minZoom, maxZoom, padding);
      void rf.setViewport(viewport, { duration });
    },
    [store, rf],
  );
}
