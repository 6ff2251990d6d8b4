// The versioned-with-labels storage kind: one contract, a D1 implementation (the source of truth),
// an in-memory twin for tests, and the KV projection that serves the run path.
export type * from './types';
export { d1VersionedStore } from './d1';
export { memoryVersionedStore } from './memory';
export { checkLabel, type KindText } from './errors';
export { project, projectWrite, catchUp, everything, STALE_OUTBOX_MS, type KvEntry, type Projector } from './project';
export { touchedVersions, touchedLabels, labelTarget } from './touched';
