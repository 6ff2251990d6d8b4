// KV key layout (docs/contracts.md): one namespace, resources under prefixes.
export const promptMetaKey = (name: string) => `prompt:${name}`;
export const promptRefKey = (name: string, versionOrLabel: string | number) => `prompt-ref:${name}@${versionOrLabel}`;
export const flowKey = (id: string) => `flow:${id}`;
export const PROMPT_META_PREFIX = 'prompt:';
export const FLOW_PREFIX = 'flow:';
// Flow releases (issue 4): immutable versions, one meta record, and one ref key per label.
export const flowVersionKey = (id: string, version: number) => `flow-version:${id}:${version}`;
export const flowMetaKey = (id: string) => `flow-meta:${id}`;
export const flowRefKey = (id: string, label: string) => `flow-ref:${id}@${label}`;
export const FLOW_META_PREFIX = 'flow-meta:';
