// Experiment actions behind the API: create (its flow and arms must exist), new weights, start,
// stop and promote. Every change is a compare-and-set on the version the caller read (or the
// current one when the caller names none); promote moves `production` through the flow-version
// store, an ordinary release.
import type { Stores } from '../http/stores';
import { StoreError } from '../store/errors';
import type { Experiment } from './schema';
import type { ExperimentStore } from './store';

type Versions = Stores['flowVersions'];

/** The version number a ref (a number or a label) names today. */
export async function versionOfRef(versions: Versions, flowId: string, ref: string): Promise<number> {
  const { versions: list, labels } = await versions.list(flowId);
  const n = /^[0-9]+$/.test(ref) ? Number(ref) : labels[ref];
  const found = n !== undefined ? list.find((v) => v.version === n) : undefined;
  if (!found) throw new StoreError('invalid', `Flow "${flowId}" has no version or label "${ref}".`);
  if (found.retired) throw new StoreError('invalid', `Version ${found.version} of flow "${flowId}" is retired.`);
  return found.version;
}

/** Checks that every arm (and the shadow) names a version or label the flow has. */
export async function checkRefs(versions: Versions, exp: Pick<Experiment, 'flowId' | 'arms' | 'shadow'>): Promise<void> {
  for (const ref of [...exp.arms.map((a) => a.ref), ...(exp.shadow ? [exp.shadow.ref] : [])]) await versionOfRef(versions, exp.flowId, ref);
}

async function current(store: ExperimentStore, id: string, expected?: number): Promise<Experiment> {
  const exp = await store.get(id);
  if (expected !== undefined && exp.version !== expected)
    throw new StoreError('conflict', `Experiment "${id}" is at version ${exp.version}, not ${expected}; read it again and retry.`);
  return exp;
}

export async function setWeights(
  store: ExperimentStore,
  id: string,
  expected: number,
  weights: Record<string, number>,
): Promise<Experiment> {
  const exp = await current(store, id, expected);
  if (exp.status === 'promoted') throw new StoreError('conflict', `Experiment "${id}" was promoted; create a new one.`);
  const unknown = Object.keys(weights).filter((name) => !exp.arms.some((a) => a.name === name));
  if (unknown.length) throw new StoreError('invalid', `Experiment "${id}" has no arm(s) ${unknown.map((n) => `"${n}"`).join(', ')}.`);
  const arms = exp.arms.map((a) => (weights[a.name] === undefined ? a : { ...a, weight: weights[a.name] }));
  if (!arms.some((a) => a.weight > 0)) throw new StoreError('invalid', 'At least one arm needs a weight above 0.');
  return store.write(expected, { ...exp, arms });
}

export async function start(store: ExperimentStore, versions: Versions, id: string, expected?: number): Promise<Experiment> {
  const exp = await current(store, id, expected);
  if (exp.status === 'running') return exp;
  if (exp.status === 'promoted') throw new StoreError('conflict', `Experiment "${id}" was promoted; create a new one.`);
  const other = await store.runningFor(exp.flowId);
  if (other) throw new StoreError('conflict', `Experiment "${other.id}" is already running on flow "${exp.flowId}"; stop it first.`);
  await checkRefs(versions, exp);
  // A restart gives every arm its traffic back (a guardrail stop included).
  const arms = exp.arms.map(({ stopped: _s, stoppedReason: _r, ...a }) => a);
  const { stoppedAt: _stopped, ...rest } = exp;
  return store.write(exp.version, { ...rest, arms, status: 'running', startedAt: new Date().toISOString() });
}

export async function stop(store: ExperimentStore, id: string, expected?: number): Promise<Experiment> {
  const exp = await current(store, id, expected);
  if (exp.status !== 'running') return exp;
  return store.write(exp.version, { ...exp, status: 'stopped', stoppedAt: new Date().toISOString() });
}

/** Moves `production` to the arm's version and ends the experiment. */
export async function promote(
  store: ExperimentStore,
  versions: Versions,
  id: string,
  armName: string,
  expected?: number,
): Promise<{ experiment: Experiment; version: number; labels: Record<string, number> }> {
  const exp = await current(store, id, expected);
  if (exp.status === 'promoted') throw new StoreError('conflict', `Experiment "${id}" was already promoted (arm "${exp.promotedArm}").`);
  const arm = exp.arms.find((a) => a.name === armName);
  if (!arm)
    throw new StoreError('invalid', `Experiment "${id}" has no arm "${armName}" (arms: ${exp.arms.map((a) => a.name).join(', ')}).`);
  const version = await versionOfRef(versions, exp.flowId, arm.ref);
  // The experiment ends first (CAS), so a concurrent promote of another arm cannot also move the label.
  const at = new Date().toISOString();
  const experiment = await store.write(exp.version, { ...exp, status: 'promoted', promotedArm: arm.name, stoppedAt: exp.stoppedAt ?? at });
  const labels = await versions.moveLabel(exp.flowId, 'production', version);
  return { experiment, version, labels };
}
