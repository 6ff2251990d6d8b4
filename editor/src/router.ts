// A tiny history router: a few screens do not need a routing library. A flow's views are
// /flows/<id> (the canvas) and /flows/<id>/<view> (components/flows/flow-views.tsx).
import { useSyncExternalStore } from 'react';

const EVENT = 'weir:navigate';

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(EVENT));
}

const subscribe = (cb: () => void) => {
  window.addEventListener('popstate', cb);
  window.addEventListener(EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(EVENT, cb);
  };
};

export const usePath = (): string => useSyncExternalStore(subscribe, () => window.location.pathname);

export type Route =
  | { name: 'flows' }
  | { name: 'flow'; id: string; view: string }
  | { name: 'prompts'; prompt?: string }
  | { name: 'datasets'; dataset?: string }
  | { name: 'finetunes'; job?: string };

export function matchRoute(path: string): Route {
  const flow = /^\/flows\/([^/]+)(?:\/([a-z-]+))?\/?$/.exec(path);
  if (flow) return { name: 'flow', id: decodeURIComponent(flow[1]), view: flow[2] ?? 'canvas' };
  const prompts = /^\/prompts(?:\/([^/]+))?\/?$/.exec(path);
  if (prompts) return { name: 'prompts', prompt: prompts[1] ? decodeURIComponent(prompts[1]) : undefined };
  const finetunes = /^\/finetunes(?:\/([^/]+))?\/?$/.exec(path);
  if (finetunes) return { name: 'finetunes', job: finetunes[1] ? decodeURIComponent(finetunes[1]) : undefined };
  const datasets = /^\/datasets(?:\/([^/]+))?\/?$/.exec(path);
  if (datasets) return { name: 'datasets', dataset: datasets[1] ? decodeURIComponent(datasets[1]) : undefined };
  return { name: 'flows' };
}
