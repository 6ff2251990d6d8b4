// Limits on the synchronous work one request can cause: a Worker cannot interrupt synchronous
// code, so each is enforced before or while the work happens, and a breach is a typed error
// naming the node (422 or 413), never a stalled isolate.

export interface EvalLimits {
  /** Estimated evaluation steps of one CEL expression, computed from its AST and the data's sizes. */
  maxExpressionCost: number;
  /** Items in any one list (or keys in any one object) of the request input. */
  maxInputListItems: number;
  /** Section iterations while rendering one template. */
  maxSectionIterations: number;
  /** Characters of one rendered template. */
  maxRenderedChars: number;
  /** Characters of one node's output, as JSON. */
  maxOutputChars: number;
}

export const defaultEvalLimits: EvalLimits = {
  maxExpressionCost: 1_000_000,
  maxInputListItems: 10_000,
  maxSectionIterations: 10_000,
  maxRenderedChars: 1_000_000,
  maxOutputChars: 1_000_000,
};

/** Default cap on nodes in a flow (each node runs at most once, so also on node executions). */
export const DEFAULT_MAX_NODES = 1000;
