// Evals in the worker: eval definitions, eval runs as a Workflow, their cells and node statistics.
// In-worker callers start a run with startEvalRun and read it through c.var.stores.evalRuns.
export { startEvalRun, type EvalWorkflowParams } from './start';
export { RunEvalWorkflow } from './workflow';
export { nodeStats } from './node-stats';
export type {
  Cell,
  CellNode,
  EvalDefinition,
  EvalRunSource,
  EvalRunStatus,
  EvalRunSummary,
  NodeStat,
  NodeStats,
  StartOptions,
} from './types';
export { evalRunSources, evalRunStatuses, isFinished } from './types';
