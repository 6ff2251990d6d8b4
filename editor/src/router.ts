// A tiny history router: three screens do not need a routing library.
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

export type Route = { name: 'flows' } | { name: 'flow'; id: string } | { name: 'prompts'; prompt?: string };

export function matchRoute(path: string): Route {
  const flow = /^\/flows\/([^/]+)\/?$/.exec(path);
  if (flow) return { name: 'flow', id: decodeURIComponent(flow[1]) };
  const prompts = /^\/prompts(?:\/([^/]+))?\/?$/.exec(path);
  if (prompts) return { name: 'prompts', prompt: prompts[1] ? decodeURIComponent(prompts[1]) : undefined };
  return { name: 'flows' };
}
