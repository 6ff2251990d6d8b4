// The body of POST /v1/finetunes and /v1/finetunes/validate: which trainer, base model and method,
// the training (and validation) JSONL as exported from a dataset, hyperparameters, a suffix, the
// dataset's name and hash, and an optional spending cap checked against the estimate.
import * as z from 'zod';
import { hyperparametersSchema, methodSchema } from './trainer';

/** Training files travel in the JSON body; past this, upload smaller splits. */
export const MAX_TRAINING_BYTES = 20 * 1024 * 1024;

export const finetuneRequestSchema = z.strictObject({
  trainer: z.string().min(1),
  baseModel: z.string().min(1).max(200),
  method: methodSchema.default('supervised'),
  training: z.string().min(1, 'the training file is empty'),
  validation: z.string().optional(),
  hyperparameters: hyperparametersSchema.default({}),
  suffix: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'the suffix is 1-40 letters, digits, "-" or "_"')
    .optional(),
  dataset: z
    .strictObject({
      name: z.string().min(1).max(200).optional(),
      hash: z
        .string()
        .regex(/^(sha256:)?[0-9a-f]{64}$/, 'a SHA-256 hex digest')
        .optional(),
    })
    .default({}),
  /** Refuse to start when the estimate is above this (US dollars). */
  maxCostUsd: z.number().positive().optional(),
});
export type FinetuneRequest = z.infer<typeof finetuneRequestSchema>;
