// The storage layer the routes use: prompts and flows in one KV namespace.
export { promptStore, isolatePromptCache } from './prompts';
export type { PromptStore, PromptSummary, PromptDetail } from './prompts';
export { flowStore } from './flows';
export type { FlowStore, FlowMetadata, StoredFlow } from './flows';
export { StoreError } from './errors';
export type { Problem } from './problem';
