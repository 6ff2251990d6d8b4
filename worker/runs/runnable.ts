// Which flow a run request means (`id`, `id@3`, `id@staging`, `id@draft`) and whether the caller
// may run it. Shared by the edge URL and the OpenAI-compatible endpoint, so both resolve and
// authorise the same way. Public/private is the flow's current setting, whichever version runs.
import type { Context } from 'hono';
import type { Flow } from '../engine';
import { unauthorized, whoIs, type Who } from '../http/auth';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { parseFlowRef, type ResolvedFlow } from '../store';
import type { FlowInfo } from './result';

export interface Runnable {
  flow: Flow;
  resolved: ResolvedFlow;
  who: Who;
  /** The label or version the target named (`staging`, `3`, `draft`); undefined for the default. */
  ref?: string;
}

/** `{ id, version, hash }` as answers report it. */
export const flowInfo = (r: ResolvedFlow): FlowInfo => ({
  id: r.id,
  version: r.version,
  hash: r.hash,
  ...(r.label ? { label: r.label } : {}),
});

/** Splits `support-x1000@staging`; undefined when the text is not a flow reference. */
export function splitTarget(text: string): { id: string; ref: string | undefined } | undefined {
  const m = /^([a-z0-9][a-z0-9_-]{0,63})(?:@([^@]+))?$/.exec(text);
  return m ? { id: m[1], ref: m[2] } : undefined;
}

/** Loads the flow a target names; private flows do not reveal whether they exist. */
export async function loadRunnable(c: Context<AppEnv>, target: string): Promise<Runnable> {
  const who = await whoIs(c);
  const { caller } = who;
  const allowed = caller === 'admin' || caller === 'invoker';
  const denied = () => {
    c.header('WWW-Authenticate', 'Bearer realm="weir"');
    return caller === 'anonymous'
      ? unauthorized('Running this flow needs "Authorization: Bearer <invoke key>".')
      : unauthorized('The bearer token is not a valid invoke key.');
  };
  const split = splitTarget(target);
  const ref = split && parseFlowRef(split.ref);
  if (!split || !ref) throw new ApiError(400, 'bad_request', `"${target}" is not a flow reference (id, id@3, id@label or id@draft).`);
  if (ref.kind === 'draft' && caller !== 'admin') {
    if (caller === 'invoker')
      throw new ApiError(403, 'forbidden', 'Running a draft needs the admin token; invoke keys run published versions.');
    throw denied();
  }
  const resolved = await c.var.stores.resolveFlow(split.id, ref);
  if (!resolved) {
    if (!allowed) throw denied();
    const what = ref.kind === 'default' ? `No flow with id "${split.id}".` : `Flow "${split.id}" has no version or label "${split.ref}".`;
    throw new ApiError(404, 'not_found', what);
  }
  if (!allowed && !resolved.public) throw denied();
  if (resolved.retired)
    throw new ApiError(410, 'version_retired', `Version ${resolved.version} of flow "${split.id}" is retired and no longer runs.`);
  const { flow, valid, problems } = resolved.parsed;
  if (!flow || !valid) {
    const what = resolved.version === 'draft' ? 'is a draft with problems' : `version ${resolved.version} has problems`;
    const issues = problems.filter((p) => p.severity === 'error');
    throw new ApiError(422, 'invalid_flow', `Flow "${split.id}" ${what} and cannot run.`, issues);
  }
  return { flow, resolved, who, ref: split.ref };
}

/** `name@3, other@1`: each prompt version the run resolved, once. */
export function promptVersions(prompts: { name: string; version: number }[]): string {
  return [...new Set(prompts.map((p) => `${p.name}@${p.version}`))].join(', ');
}

/** The reproducibility headers every run answer carries (prompt versions only once they are known). */
export function setRunHeaders(c: Context<AppEnv>, resolved: ResolvedFlow, prompts?: { name: string; version: number }[]): void {
  c.header('Weir-Flow-Version', String(resolved.version));
  c.header('Weir-Flow-Hash', resolved.hash);
  if (prompts) c.header('Weir-Prompt-Versions', promptVersions(prompts));
}
