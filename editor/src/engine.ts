// The editor's one door into the engine: the same registry, schemas and validator the worker uses.
export {
  formatFlow,
  parseFlow,
  validateFlow,
  nodeRegistry,
  nodeTypes,
  DEFAULT_HANDLE,
  FALLBACK_HANDLE,
  compileExpression,
  templateVariables,
  MAIN_HANDLE,
  handleOf,
  slug as slugSchema,
  nodeId as nodeIdSchema,
  example as exampleSchema,
  checkInput,
} from '../../worker/engine/index';
export type { AnyNodeDefinition, HandleSpec, Problem, Flow, FlowEdge, FlowNode, InputField, FlowExample, TraceEntry, NodeStatus, Usage, ChatMessage } from '../../worker/engine/index';
