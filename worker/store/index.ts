// The storage layer the routes use: prompts, flows and flow versions in one KV namespace.
export { promptStore, isolatePromptCache } from './prompts';
export type { PromptStore, PromptSummary, PromptDetail } from './prompts';
export { flowStore } from './flows';
export type { FlowStore, FlowMetadata, StoredFlow } from './flows';
export { StoreError } from './errors';
export type { Problem } from './problem';
export { flowVersionStore } from './flow-versions';
export type { FlowVersionStore, Published } from './flow-versions';
export { resolveFlow, parseFlowRef, isolateFlowCache } from './flow-resolve';
export type { FlowRef, ResolvedFlow } from './flow-resolve';
