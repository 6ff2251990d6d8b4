// The storage layer the routes use: prompts, flows and flow versions. D1 (WEIR_DB) is the source
// of truth for versions, labels, drafts and deletions; KV (WEIR_KV) is its one-read projection
// for runs (see versioned/ and README "Consistency").
export { promptStore, isolatePromptCache } from './prompts';
export type { PromptStore, PromptSummary, PromptDetail } from './prompts';
export { flowStore } from './flows';
export type { FlowStore, FlowMetadata, FlowListing, StoredFlow } from './flows';
export { StoreError } from './errors';
export type { Problem } from './problem';
export type { StoreDeps } from './deps';
export { flowVersionStore } from './flow-versions';
export type { FlowVersionStore, Published } from './flow-versions';
export { resolveFlow, parseFlowRef, isolateFlowCache } from './flow-resolve';
export type { FlowRef, ResolvedFlow } from './flow-resolve';
export { sweepProjections, PROJECTION_SWEEP_CRON } from './sweep';
export { importLegacyKv, type LegacyImport } from './legacy-import';
