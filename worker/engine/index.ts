// The engine's public surface, shared by the worker, the editor and the CLI.
export * from './errors';
export * from './types';
export * from './schema';
export * from './problems';
export { parseFlow, migrateFlow, type ParsedFlow } from './parse';
export { validateFlow, isReservedFieldName, promptRefsOf, type ValidateOptions } from './validate';
export { DEFAULT_MAX_NODES, defaultEvalLimits, type EvalLimits } from './limits';
export { widgets, type Widget } from './widgets';
export {
  expressionReferences,
  templateReferences,
  renameNodeReferences,
  type Reference,
  type ExpressionReferences,
  type TemplateReferences,
} from './refs';
export { tokensSpellAnswer } from './streaming';
export { jsonSchemaProblems } from './json-schema-meta';
export { formatFlow, canonicalFlow } from './format';
export { checkInput, inputError } from './input';
export { runFlow, prepareFlow, type PreparedFlow } from './run';
export { renderTemplate, templateVariables, type TemplateVariable } from './template';
export { evaluateExpression, evaluateWithVariables, compileExpression, expressionNodeRefs } from './expression';
export { nodeTypes, nodeRegistry, DEFAULT_HANDLE, FALLBACK_HANDLE } from './nodes';
export type { AnyNodeDefinition, HandleSpec, DataRef, TemplateRef, NodeCheckArgs } from './nodes';
export { PROMPT_REF } from './nodes/model-call';
export { flowJsonSchema } from './json-schema';
export {
  diffFlows,
  diffValues,
  type FlowDiff,
  type ValueChange,
  type NodeChange,
  type NodeMove,
  type EdgeRef,
  type EdgeRewire,
} from './diff';
export { formatDiff, type FormatDiffOptions } from './diff-format';
