// One arm's live numbers, as GET /v1/experiments/:id/results answers them (and the editor reads
// them): types only, so the editor can import them without the worker's D1 code.
import type { Comparison, Rate } from './significance';

export interface ArmResult {
  arm: string;
  ref?: string;
  weight?: number;
  stopped?: boolean;
  stoppedReason?: string;
  versions: string[];
  runs: number;
  errorRate: Rate;
  fallbackRate: Rate;
  latencyMs: { p50: number | null; p95: number | null };
  cost: { total: number | null; perRun: number | null; unknownRuns: number };
  feedback: { thumbsUp: Rate; score: { n: number; mean: number | null } };
  /** The live evaluation's verdicts on the sampled runs (scores with source `eval`). */
  evaluation: { passRate: Rate; score: { n: number; mean: number | null } };
  /** Against the control (the first arm); absent on the control itself. */
  vsControl?: { errorRate: Comparison; fallbackRate: Comparison; thumbsUp: Comparison; evalPass: Comparison };
}
