// Variants' base flows from the worker's stores: `@draft`, `@3` or `@label` of the eval's flow or
// another, each with the stored version it resolved to (recorded with the run).
import { evalProblem, type BaseFlowLoader } from '../evals/prepare';
import type { Stores } from '../http/stores';
import type { FlowInfo } from '../runs/result';
import { flowInfo } from '../runs/runnable';
import { parseFlowRef } from '../store';

export function storedFlowLoader(stores: Stores, infos = new Map<string, FlowInfo>()): BaseFlowLoader {
  return async (flowId, version, where) => {
    const ref = parseFlowRef(version);
    const resolved = ref && (await stores.resolveFlow(flowId, ref));
    if (!resolved) return evalProblem(where, 'version_not_found', `flow "${flowId}" has no version or label "${version}"`);
    if (!resolved.parsed.flow || !resolved.parsed.valid)
      return evalProblem(where, 'invalid_flow', `${flowId}@${version} has problems and cannot run`);
    infos.set(`${flowId}@${version}`, flowInfo(resolved));
    return { flow: resolved.parsed.flow };
  };
}
