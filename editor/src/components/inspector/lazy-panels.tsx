// The side panel's heavier screens load on demand (forms rendered from JSON Schema, the run
// panel), so the canvas paints first; prefetchPanels() fetches them once the canvas is up.
import { lazy, type ComponentType } from 'react';
import type { FlowNode } from '../../engine';

/**
 * React.lazy, but once the module has arrived the component renders directly. A plain lazy
 * component suspends on its first render even when prefetched, and React then holds the
 * fallback for its throttle (300 ms) before showing the panel.
 */
function panel<P extends object>(load: () => Promise<ComponentType<P>>): { Component: ComponentType<P>; prefetch: () => Promise<unknown> } {
  let ready: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const fetch = () => (pending ??= load().then((c) => (ready = c)));
  const Lazy = lazy(() => fetch().then((c) => ({ default: c })));
  const Component = (props: P) => {
    const Ready = ready;
    return Ready ? <Ready {...props} /> : <Lazy {...props} />;
  };
  return { Component, prefetch: fetch };
}

const inspector = panel<{ node: FlowNode }>(() => import('./node-inspector').then((m) => m.NodeInspector));
const run = panel<object>(() => import('../run/run-panel').then((m) => m.RunPanel));
const problems = panel<object>(() => import('./problems-list').then((m) => m.ProblemsList));
const runs = panel<object>(() => import('../runs/runs-view').then((m) => m.RunsView));

export const NodeInspector = inspector.Component;
export const RunPanel = run.Component;
export const ProblemsList = problems.Component;
export const RunsView = runs.Component;

/** Loads the panels when the browser is idle, so the first click on a node finds them ready. */
export function prefetchPanels(): () => void {
  const load = () => void Promise.all([inspector.prefetch(), run.prefetch(), problems.prefetch()]).catch(() => undefined);
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(load, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(load, 200);
  return () => clearTimeout(handle);
}
