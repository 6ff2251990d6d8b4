// The one registry of node types. Adding a type: one file here, one line below, one test file.
import { conditionNode } from './condition';
import { finetunedNode } from './finetuned';
import { inputNode } from './input';
import { outputNode } from './output';
import { promptNode } from './prompt';
import { templateNode } from './template';
import type { AnyNodeDefinition } from './types';

export const nodeTypes: readonly AnyNodeDefinition[] = [inputNode, promptNode, finetunedNode, conditionNode, templateNode, outputNode];

export const nodeRegistry: ReadonlyMap<string, AnyNodeDefinition> = new Map(nodeTypes.map((n) => [n.type, n]));

export { DEFAULT_HANDLE } from './condition';
export { FALLBACK_HANDLE } from './finetuned';
export type { AnyNodeDefinition, HandleSpec, NodeCheckArgs, NodeOutcome, NodeRunArgs, Scope, DataRef, TemplateRef } from './types';
