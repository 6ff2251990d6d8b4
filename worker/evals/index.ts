// Evaluations: eval files, variants as flow transformations, assertions, the runner, statistics
// and the technique comparison. Pure TypeScript like the engine.
export * from './schema';
export * from './assertion-schema';
export { applyOverrides } from './variant';
export { evaluateAssertion, scoreItem, compileRegex, celScope, type AssertionResult, type Observation, type Judge } from './assertions';
export { runEval, runCost, type EvalRun, type EvalRunOptions, type PreparedVariant, type RunRecord, type PairwiseRecord } from './run-eval';
export { createPriceBook, callCost, type PriceBook, type InferencePrice, type PriceOverride } from './price-book';
export { findTrainingPrice, trainingPrices, type TrainingPrice } from './training-prices';
export { wilson, bootstrapMean, pairedBootstrap, quantile, Z95, type Interval } from './stats-intervals';
export { mcnemarExact, type McNemar } from './stats-mcnemar';
export { summarizeVariant, itemOutcomes, type VariantSummary, type ItemOutcome } from './stats-variant';
export { comparePair, type PairSummary } from './stats-pairs';
export { techniqueComparison, type Comparison } from './compare';
export { buildReport, failureReasons, type EvalReport, type PairwiseSummary } from './report';
export { runPool } from './pool';
export { formatEval } from './format';
export { checkEval, checkItems, selectItems, noAssertionsWarning, prepareVariants, evalProblem, type BaseFlowLoader } from './prepare';
