// KV key layout (docs/contracts.md): one namespace, resources under prefixes.
export const promptMetaKey = (name: string) => `prompt:${name}`;
export const promptRefKey = (name: string, versionOrLabel: string | number) => `prompt-ref:${name}@${versionOrLabel}`;
export const flowKey = (id: string) => `flow:${id}`;
export const PROMPT_META_PREFIX = 'prompt:';
export const FLOW_PREFIX = 'flow:';
