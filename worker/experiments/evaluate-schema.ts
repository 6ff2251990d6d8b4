// The `evaluate` part of an experiment's config: assertions (and optionally a judge) run on a
// sample of live traffic (evaluate.ts). Kept apart so the schema stays free of runtime code.
import * as z from 'zod';
import { assertionSchema } from '../evals/assertion-schema';
import { judgeSchema } from '../evals/schema';

export const experimentEvaluate = z.strictObject({
  /** Share of the experiment's runs evaluated, 0..1 (by run id, so independent of the arm). */
  sample: z.number().min(0).max(1),
  assertions: z.array(assertionSchema).min(1).max(20),
  /** The judge model for llm-rubric and factuality. */
  judge: judgeSchema.optional(),
  /** A run passes when its weighted score reaches this (default: every assertion passes). */
  threshold: z.number().min(0).max(1).optional(),
});
export type ExperimentEvaluate = z.infer<typeof experimentEvaluate>;
